import { useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { QrImage } from '../../components/QrImage';
import { Button } from '@nutui/nutui-react-taro';
import { memberStatusLabels, type MemberCode } from '@gonghui/shared';
import { api, call } from '../../api';
import { useAppStore } from '../../stores';
import { PageShell } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { useResource } from '../../hooks/useResource';
import { useSecondsLeft } from '../../hooks/useCountdown';
import { MEMBER_CARD_PAGE } from '../../routes';
import { SubPageNav } from '../account/shared/SubPageNav';
import './index.scss';

/** The code is valid 60 s on the server: ask for a fresh one a little before that. */
const REFRESH_MS = 50_000;

/** "123456789012" → "1234 5678 9012": easier to read out and to type at the counter. */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export default function MemberCardPage() {
  const signedIn = useRequireLogin(MEMBER_CARD_PAGE, { memberArea: true });
  const member = useAppStore((s) => s.me?.member ?? null);
  // A fresh code every time the page is shown (the one from before is likely expired). A failed
  // quiet refresh still replaces the code (keepOnError: false): an expired one must not stay on screen.
  const loaded = useResource(
    async (): Promise<{ code: MemberCode; refreshAt: number }> => ({ code: await call(api.myMemberCode, { toast: false }), refreshAt: Date.now() + REFRESH_MS }),
    [],
    { enabled: signedIn && !!member, refreshOnShow: true, keepOnError: false },
  );
  const code = loaded.status === 'ready' ? { status: 'ready' as const, ...loaded.data } : loaded;
  const load = loaded.reload;
  const [visible, setVisible] = useState(true);
  const secondsLeft = useSecondsLeft(code.status === 'ready' ? code.refreshAt : null);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  const refreshAt = code.status === 'ready' ? code.refreshAt : null;
  useEffect(() => {
    if (!visible || refreshAt === null) return undefined;
    const id = setTimeout(() => void load(true), Math.max(1000, refreshAt - Date.now()));
    return () => clearTimeout(id);
  }, [visible, refreshAt, load]);

  // Bright screen while the code is shown at a counter (mini-program only).
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !visible) return undefined;
    Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    return () => {
      Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    };
  }, [visible]);

  if (!signedIn) return <PageShell className='gh-mcard' />;

  if (!member) {
    return (
      <PageShell className='gh-mcard'>
        <SubPageNav title='会员码' />
        <View className='gh-card gh-mcard__none'>
          <EmptyView title='您还不是工会会员' hint='请扫描所在单位工会的入会二维码，实名入会后即可使用电子会员卡。' />
        </View>
      </PageShell>
    );
  }

  const path = member.unionPathNames.filter((n) => n !== member.unionName).join(' · ');
  const digits = code.status === 'ready' ? groupDigits(code.code.shortCode) : '';

  return (
    <PageShell className='gh-mcard'>
      <SubPageNav title='会员码' />
      <View className='gh-mcard__card'>
        <View className='gh-mcard__head'>
          <View>
            <View className='gh-mcard__kind'>电子会员卡</View>
            <View className='gh-mcard__name'>{member.name}</View>
          </View>
          <View className={`gh-mcard__status gh-mcard__status--${member.status}`}>{memberStatusLabels[member.status]}</View>
        </View>
        <View className='gh-mcard__union'>{member.unionName}</View>
        {path ? <View className='gh-mcard__path'>{path}</View> : null}
        <View className='gh-mcard__no'>
          <Text className='gh-mcard__no-label'>会员号</Text>
          <Text className='gh-mcard__no-value'>{member.memberNo}</Text>
        </View>

        <View className='gh-mcard__code'>
          {code.status === 'ready' ? (
            <View className='gh-mcard__code-body'>
              <QrImage className='gh-mcard__qr' src={code.code.qr} label={`会员码二维码，数字码 ${digits}`} />
              <View className='gh-mcard__digits' aria-label={`会员码 ${digits}`}>
                {digits}
              </View>
              <View className='gh-mcard__refresh'>
                <Text className='gh-mcard__left'>{secondsLeft > 0 ? `${secondsLeft} 秒后自动刷新` : '正在刷新…'}</Text>
              </View>
              <Button type='primary' fill='outline' className='gh-mcard__refresh-now' onClick={() => void load(true)}>
                立即刷新
              </Button>
            </View>
          ) : null}
          {code.status === 'loading' ? <LoadingView text='正在生成会员码…' /> : null}
          {code.status === 'error' ? <ErrorView error={code.error} onRetry={() => void load()} /> : null}
        </View>
      </View>

      <View className='gh-card gh-mcard__help'>
        <View className='gh-section-title'>怎么用</View>
        <View className='gh-mcard__tip'>在工会活动签到、代领物品、办理业务时，向工会工作人员出示此码，或读出下面的12位数字。</View>
        <View className='gh-mcard__tip'>会员码每分钟自动更新，截图无效；请勿发给他人。</View>
        {process.env.TARO_ENV === 'h5' ? null : <View className='gh-mcard__tip'>出示时请调高屏幕亮度。</View>}
      </View>
    </PageShell>
  );
}
