import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type PublicWishView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { HeaderBand } from '../../../components/PageShell';
import { Fact, WishGate, WishStatusBadge, useWishAction, wishMetaText } from '../../../components/wishes/WishParts';
import { useResource } from '../../../hooks/useResource';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useAppStore } from '../../../stores';
import { goToLogin, openPage } from '../../../navigation';
import { askWishSubscription } from '../../../subscribe';
import { DONOR_PROFILE_PAGE, DONOR_WISH_PAGE, PUBLIC_WISH_PAGE, WISHES_PAGE, withQuery } from '../../../routes';

/** A published wish as donors and the public see it (masked by the server), with 认领 for donors. */
export default function PublicWishPage() {
  const id = useRouter().params.id ?? '';
  const here = withQuery(PUBLIC_WISH_PAGE, { id });
  useRequireLogin(here, { visitors: true });
  const me = useAppStore((s) => s.me);
  const token = useAppStore((s) => s.token);
  const wish = useResource(() => call(api.publicWish, { params: { id }, toast: false }), [id], { enabled: !!id, refreshOnShow: true });
  const { acting, run } = useWishAction();

  const adopt = (w: PublicWishView) =>
    run('adopt', (idempotencyKey) => call(api.adoptWish, { params: { id: w.id }, idempotencyKey }), {
      payload: w.id,
      confirm: { title: '认领这个心愿？', content: `请在14天内把“${w.title}”送到${w.districtUnionName}的工会站点，由工会转交。`, confirmText: '确认认领' },
      success: '认领成功',
      done: () => {
        askWishSubscription();
        void Taro.redirectTo({ url: withQuery(DONOR_WISH_PAGE, { id: w.id }) });
      },
    });

  const action = (w: PublicWishView) => {
    if (w.status !== 'published') return <View className='gh-muted gh-public-wish-detail__taken'>这个心愿已有爱心人士认领，看看其他心愿吧。</View>;
    if (!token) {
      return (
        <Button type='primary' block className='gh-public-wish-detail__login' onClick={() => goToLogin(here)}>
          登录后认领
        </Button>
      );
    }
    if (!me?.donor) {
      return (
        <Button type='primary' block className='gh-public-wish-detail__become' onClick={() => openPage(DONOR_PROFILE_PAGE)}>
          成为爱心人士后认领
        </Button>
      );
    }
    return (
      <Button type='primary' block loading={acting === 'adopt'} className='gh-public-wish-detail__adopt' onClick={() => void adopt(w)}>
        认领这个心愿
      </Button>
    );
  };

  return (
    <WishGate id={id} resource={wish} className='gh-public-wish-detail' back={{ label: '去心愿广场', page: WISHES_PAGE }}>
      {(w) => (
        <>
          <HeaderBand title={w.title} subtitle={wishMetaText(w)} />
          <View className='gh-card gh-card--overlap'>
            <WishStatusBadge status={w.status} />
            <View className='gh-wish-story gh-public-wish-detail__story'>{w.story}</View>
            <Fact label='心愿人'>{w.wisherNameMasked}</Fact>
            <Fact label='所在工会'>{w.grassrootsUnionName ?? w.districtUnionName}</Fact>
            <Fact label='发布于'>{formatShanghai(w.publishedAt)}</Fact>
            <View className='gh-muted'>心愿由工会审核发布；物品或服务送到{w.districtUnionName}站点，由工会转交给职工。</View>
          </View>
          <View className='gh-card gh-wish-actions'>
            {action(w)}
            <Button fill='outline' block className='gh-public-wish-detail__back' onClick={() => openPage(WISHES_PAGE)}>
              返回心愿广场
            </Button>
          </View>
        </>
      )}
    </WishGate>
  );
}
