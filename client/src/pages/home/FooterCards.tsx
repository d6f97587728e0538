import { View } from '@tarojs/components';
import { CareModeSetting } from '../../components/CareModeSetting';

/** Coming later: told, never offered as something to tap (nothing at the moment). */
const COMING: string[] = [];

/** The end of 首页 for members and visitors alike: what is coming, and the care-mode switch. */
export function FooterCards() {
  return (
    <>
      {COMING.length ? (
        <View className='gh-card gh-home__coming'>
          <View className='gh-home__coming-title'>即将上线</View>
          <View className='gh-home__coming-list'>{COMING.join(' · ')}</View>
          <View className='gh-home__coming-hint'>上线后会在这里和通知中告诉您。</View>
        </View>
      ) : null}

      <View className='gh-card gh-home__care'>
        <CareModeSetting className='gh-home__care-row' />
      </View>
    </>
  );
}
