import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useAppStore } from '../../stores';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { goToLogin, openPage } from '../../navigation';
import { refreshUnread } from '../../notices';
import { DONOR_PROFILE_PAGE, DONOR_WISHES_PAGE, WISHES_PAGE } from '../../routes';
import { pressable } from '../account/shared/pressable';
import { MyWishes } from './MyWishes';
import { PublicWishes, ThanksWall } from './PublicWishes';
import './index.scss';

type Tab = 'mine' | 'square' | 'thanks';

/** Where donors (and those who could become one) go next. */
function DonorBar() {
  const me = useAppStore((s) => s.me);
  const token = useAppStore((s) => s.token);
  if (me?.donor) {
    return (
      <View className='gh-card gh-card--overlap gh-toolbar gh-wishes__donor'>
        <Button type='primary' fill='outline' className='gh-wishes__adoptions' onClick={() => openPage(DONOR_WISHES_PAGE)}>
          我的认领
        </Button>
      </View>
    );
  }
  return (
    <View className='gh-card gh-card--overlap gh-wishes__donor'>
      <View className='gh-muted'>个人或企业都可以成为爱心人士，认领职工的小心愿，经工会站点转交。</View>
      <Button type='primary' fill='outline' className='gh-wishes__become' onClick={() => (token ? openPage(DONOR_PROFILE_PAGE) : goToLogin(DONOR_PROFILE_PAGE))}>
        成为爱心人士
      </Button>
    </View>
  );
}

/**
 * 微心愿: a member's own wishes (and 写心愿); for everyone the published wishes (masked) and the
 * thank-you wall. Visitors may look without signing in.
 */
export default function WishesPage() {
  const signedIn = useRequireLogin(WISHES_PAGE, { visitors: true });
  const me = useAppStore((s) => s.me);
  const member = signedIn && !!me?.member && me.member.status !== 'pending' && me.member.status !== 'rejected';
  // Until chosen, a member starts on their own wishes (known once `me` has loaded), others on the square.
  const [tab, setTab] = useState<Tab | null>(null);
  const wanted = tab ?? (member ? 'mine' : 'square');
  const shown: Tab = !member && wanted === 'mine' ? 'square' : wanted;
  useDidShow(() => void refreshUnread());
  const tabs: { key: Tab; label: string }[] = [...(member ? [{ key: 'mine' as Tab, label: '我的心愿' }] : []), { key: 'square', label: '心愿广场' }, { key: 'thanks', label: '感谢墙' }];

  return (
    <PageShell className='gh-wishes'>
      <HeaderBand title='微心愿' subtitle='职工许下心愿，工会审核把关，爱心人士帮助实现' />
      {shown === 'mine' ? null : <DonorBar />}
      <View className='gh-tabs gh-wishes__tabs' {...(process.env.TARO_ENV === 'h5' ? { role: 'tablist', 'aria-label': '微心愿' } : {})}>
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`gh-tabs__item gh-wishes__tab--${t.key} ${shown === t.key ? 'gh-tabs__item--active' : ''}`}
            {...pressable(null, () => setTab(t.key), { role: 'tab', checked: shown === t.key })}
          >
            {t.label}
          </View>
        ))}
      </View>
      {shown === 'mine' ? <MyWishes enabled={member} /> : null}
      {shown === 'square' ? <PublicWishes multiAdopt={me?.donor?.kind === 'enterprise'} /> : null}
      {shown === 'thanks' ? <ThanksWall /> : null}
    </PageShell>
  );
}
