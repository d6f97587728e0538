import type { ITouchEvent } from '@tarojs/components';

/**
 * Props that make a View act as a button for keyboards and screen readers on H5 (role, name,
 * focus, Enter/Space) and for taps everywhere. The mini-program reads only `onClick` (and
 * `aria-label` where WeChat supports it). Spread onto a View: `<View {...pressable(null, go)} />` (named by its text).
 */
export function pressable(label: string | null, onPress: () => void): Record<string, unknown> {
  const props: Record<string, unknown> = {
    onClick: (e?: ITouchEvent) => {
      e?.stopPropagation?.();
      onPress();
    },
  };
  // Only where the visible text is not a good name (the name must contain what is shown).
  if (label) props['aria-label'] = label;
  if (process.env.TARO_ENV === 'h5') {
    props.role = 'button';
    props.tabIndex = 0;
    props.onKeyDown = (e: { key?: string; preventDefault?: () => void }) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.();
        onPress();
      }
    };
  }
  return props;
}
