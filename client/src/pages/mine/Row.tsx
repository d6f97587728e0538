import { View } from '@tarojs/components';
import { openPage } from '../../navigation';
import { pressable } from '../account/shared/pressable';

/** A row of 我的: the whole row is one button. */
export function Row({ className, title, desc, go, page }: { className: string; title: string; desc?: string; go: string; page: string }) {
  return (
    <View className={`gh-setting ${className}`} {...pressable(null, () => openPage(page))}>
      <View className='gh-setting__text'>
        <View className='gh-setting__title'>{title}</View>
        {desc ? <View className='gh-setting__desc'>{desc}</View> : null}
      </View>
      <View className='gh-setting__go' aria-hidden='true'>
        {go} ›
      </View>
    </View>
  );
}
