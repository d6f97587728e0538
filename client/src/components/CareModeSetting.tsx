import { View } from '@tarojs/components';
import { useAppStore } from '../stores';
import { pressable } from '../pages/account/shared/pressable';
import { Toggle } from './Toggle';

/**
 * The 关怀模式 row: the whole row is one switch (a large tap target, named 关怀模式, announced on
 * or off); the drawn switch only shows the state.
 */
export function CareModeSetting({ className }: { className: string }) {
  const careMode = useAppStore((s) => s.careMode);
  const setCareMode = useAppStore((s) => s.setCareMode);
  return (
    <View className={`gh-setting ${className}`} {...pressable('关怀模式', () => void setCareMode(!careMode), { role: 'switch', checked: careMode })}>
      <View className='gh-setting__text'>
        <View className='gh-setting__title'>关怀模式</View>
        <View className='gh-setting__desc'>字更大、按钮更大、对比更清晰</View>
      </View>
      <Toggle className='gh-care-switch' on={careMode} />
    </View>
  );
}
