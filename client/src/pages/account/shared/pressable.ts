import type { ITouchEvent } from '@tarojs/components';

export interface PressableOptions {
  /**
   * What the View is to a screen reader: a button (default), a link to another page, an on/off
   * switch, a checkbox (many of a list), a radio (one of a list) or a tab.
   */
  role?: 'button' | 'link' | 'switch' | 'checkbox' | 'radio' | 'tab';
  /** On or off (switch, checkbox, radio); selected (tab). */
  checked?: boolean;
  /** Shown but not usable now: announced as such, and a press does nothing. */
  disabled?: boolean;
}

/**
 * Props that make a View act as a button (or link, switch, checkbox, radio, tab) for keyboards
 * and screen readers on H5 (role, name, state, focus, Enter/Space) and for taps everywhere. The
 * mini-program reads only `onClick` (and `aria-label` where WeChat supports it). Spread onto a
 * View: `<View {...pressable(null, go)} />` (named by its text).
 */
export function pressable(label: string | null, onPress: () => void, options: PressableOptions = {}): Record<string, unknown> {
  const role = options.role ?? 'button';
  const press = () => {
    if (!options.disabled) onPress();
  };
  const props: Record<string, unknown> = {
    onClick: (e?: ITouchEvent) => {
      e?.stopPropagation?.();
      press();
    },
  };
  // Only where the visible text is not a good name (the name must contain what is shown).
  if (label) props['aria-label'] = label;
  if (process.env.TARO_ENV === 'h5') {
    props.role = role;
    props.tabIndex = options.disabled ? -1 : 0;
    if (options.disabled) props['aria-disabled'] = 'true';
    if (options.checked !== undefined) props[role === 'tab' ? 'aria-selected' : 'aria-checked'] = options.checked ? 'true' : 'false';
    props.onKeyDown = (e: { key?: string; preventDefault?: () => void; stopPropagation?: () => void }) => {
      // A link follows on Enter only; the others also on Space (as native controls do).
      if (e.key === 'Enter' || (e.key === ' ' && role !== 'link')) {
        e.preventDefault?.();
        e.stopPropagation?.();
        press();
      }
    };
  }
  return props;
}
