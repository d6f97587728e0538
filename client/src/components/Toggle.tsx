import { View } from '@tarojs/components';
import './Toggle.scss';

/**
 * An on/off switch drawn for a row whose whole area is the tap target (关怀模式, 可叠加, 入会审核).
 * The row carries the meaning and the role (`pressable(…, { role: 'switch', checked })`); this
 * only shows the state, hidden from screen readers. (NutUI's Switch writes weapp-style
 * `aria-role` attributes that are invalid HTML ARIA on H5.)
 */
export function Toggle({ on, disabled = false, className }: { on: boolean; disabled?: boolean; className?: string }) {
  const classes = ['gh-toggle', on ? 'gh-toggle--on' : '', disabled ? 'gh-toggle--disabled' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} aria-hidden='true'>
      <View className='gh-toggle__knob' />
    </View>
  );
}
