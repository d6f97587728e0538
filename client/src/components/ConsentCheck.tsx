import type { ReactNode } from 'react';
import { Checkbox, CheckboxGroup, Label, View } from '@tarojs/components';
import './ConsentCheck.scss';

/**
 * An unticked consent box with its text (PIPL: consent is given, never presumed). A native
 * checkbox on both platforms, so screen readers announce it; the whole row is the tap target.
 */
export function ConsentCheck({ checked, onChange, children, className }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode; className?: string }) {
  return (
    <CheckboxGroup className={`gh-consent ${className ?? ''}`} onChange={(e) => onChange(e.detail.value.includes('yes'))}>
      <Label className='gh-consent__row'>
        <Checkbox className='gh-consent__box' value='yes' checked={checked} />
        <View className='gh-consent__text'>{children}</View>
      </Label>
    </CheckboxGroup>
  );
}
