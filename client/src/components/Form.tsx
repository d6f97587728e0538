import type { ReactNode } from 'react';
import { View, Text, Picker } from '@tarojs/components';
import { pressable } from '../pages/account/shared/pressable';
import './Form.scss';

/** A labelled form row: label above the control on a phone, beside it on a desktop browser. */
export function FormRow({ label, hint, error, children, className }: { label: string; hint?: string; error?: string; children: ReactNode; className?: string }) {
  return (
    <View className={`gh-form__row ${error ? 'gh-form__row--error' : ''} ${className ?? ''}`}>
      <View className='gh-form__label'>{label}</View>
      <View className='gh-form__control'>
        {children}
        {error ? <View className='gh-form__error'>{error}</View> : hint ? <View className='gh-form__hint'>{hint}</View> : null}
      </View>
    </View>
  );
}

/**
 * One-of or many-of choices as large chips (easier than radios for older hands). To a screen
 * reader they are radios (one of) or checkboxes (many of), each reached with Tab.
 */
export function Chips<K extends string>({
  options,
  value,
  onChange,
  className,
  label,
}: {
  options: { key: K; label: string }[];
  value: K | K[];
  onChange: (key: K) => void;
  className?: string;
  /** The group's name for screen readers (what is chosen). */
  label?: string;
}) {
  const many = Array.isArray(value);
  const on = (k: K) => (Array.isArray(value) ? value.includes(k) : value === k);
  const group = process.env.TARO_ENV === 'h5' ? { role: many ? 'group' : 'radiogroup', 'aria-label': label } : {};
  return (
    <View className={`gh-chips ${className ?? ''}`} {...group}>
      {options.map((o) => (
        <View
          key={o.key}
          className={`gh-chip gh-chip--${o.key} ${on(o.key) ? 'gh-chip--on' : ''}`}
          {...pressable(null, () => onChange(o.key), { role: many ? 'checkbox' : 'radio', checked: on(o.key) })}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}

type PickerFieldProps =
  | { mode: 'date'; fields?: 'day' | 'month'; value: string; onChange: (v: string) => void; display?: string; placeholder?: string; className?: string; start?: string; end?: string }
  | { mode: 'time'; value: string; onChange: (v: string) => void; display?: string; placeholder?: string; className?: string };

/** A date, month or time picker that looks like an input. */
export function PickerField(props: PickerFieldProps) {
  const shown = (
    <View className={`gh-picker ${props.className ?? ''}`}>
      <Text className={props.value ? 'gh-picker__value' : 'gh-picker__value gh-picker__value--empty'}>
        {props.display ?? (props.value || props.placeholder || '请选择')}
      </Text>
      <Text className='gh-picker__arrow'>›</Text>
    </View>
  );
  if (props.mode === 'time') {
    return (
      <Picker className='gh-picker-host' mode='time' value={props.value} onChange={(e) => props.onChange(String(e.detail.value))}>
        {shown}
      </Picker>
    );
  }
  return (
    <Picker className='gh-picker-host' mode='date' fields={props.fields ?? 'day'} value={props.value} start={props.start} end={props.end} onChange={(e) => props.onChange(String(e.detail.value))}>
      {shown}
    </Picker>
  );
}

/** Choose one item of a list (a union, a merchant) with the platform picker. */
export function SelectField<T>({
  items,
  value,
  label,
  onChange,
  className,
  placeholder = '请选择',
}: {
  items: T[];
  value: number;
  label: (item: T) => string;
  onChange: (index: number) => void;
  className?: string;
  placeholder?: string;
}) {
  const current = items[value];
  return (
    <Picker className='gh-picker-host' mode='selector' range={items.map(label)} value={Math.max(0, value)} onChange={(e) => onChange(Number(e.detail.value))}>
      <View className={`gh-picker ${className ?? ''}`}>
        <Text className={current ? 'gh-picker__value' : 'gh-picker__value gh-picker__value--empty'}>{current ? label(current).trim() : placeholder}</Text>
        <Text className='gh-picker__arrow'>›</Text>
      </View>
    </Picker>
  );
}
