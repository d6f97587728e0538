import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type DonorWishView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { HeaderBand } from '../../../components/PageShell';
import { Conversation } from '../../../components/wishes/Conversation';
import { Fact, WishGate, WishStatusBadge, WishTimeline, useWishAction, wishMetaText } from '../../../components/wishes/WishParts';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { DONOR_WISHES_PAGE, DONOR_WISH_PAGE, withQuery } from '../../../routes';

/** One adoption: the wish (masked), where and by when to deliver, 已送达 / 取消认领, and the thanks. */
export default function DonorWishPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(DONOR_WISH_PAGE, { id }));
  const wish = useResource(() => call(api.donorWish, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const { acting, run } = useWishAction();
  const set = (d: DonorWishView) => wish.setData(() => d);

  return (
    <WishGate id={id} resource={wish} className='gh-donor-wish-detail' back={{ label: '我的认领', page: DONOR_WISHES_PAGE }}>
      {(d) => (
        <>
          <HeaderBand title={d.wish.title} subtitle={wishMetaText(d.wish)} />
          <View className='gh-card gh-card--overlap'>
            <WishStatusBadge status={d.wish.status} />
            <View className='gh-wish-story'>{d.wish.story}</View>
            <Fact label='心愿人'>{d.wish.wisherNameMasked}</Fact>
            <Fact label='送达地点'>{d.stationUnionName}</Fact>
            <Fact label='认领于'>{formatShanghai(d.adoption.adoptedAt)}</Fact>
            {d.abilities.deliver ? <Fact label='请在此前送达'>{formatShanghai(d.adoption.dueAt)}</Fact> : null}
            {d.adoption.deliveredAt ? <Fact label='送达于'>{formatShanghai(d.adoption.deliveredAt)}</Fact> : null}
          </View>
          {d.thanks ? (
            <View className='gh-card gh-wish-thanks gh-donor-wish-detail__thanks'>
              <View className='gh-section-title'>职工的感谢</View>
              <View className='gh-wish-thanks__message'>“{d.thanks.message}”</View>
              <View className='gh-wish-thanks__who'>{formatShanghai(d.thanks.at)}</View>
            </View>
          ) : null}
          <View className='gh-card gh-wish-actions'>
            {d.abilities.deliver ? (
              <Button
                type='primary'
                block
                loading={acting === 'deliver'}
                className='gh-donor-wish-detail__deliver'
                onClick={() =>
                  void run('deliver', (idempotencyKey) => call(api.deliverWish, { params: { id }, body: {}, idempotencyKey }), {
                    confirm: { title: '已送到工会站点？', content: `请确认已把物品或服务交到${d.stationUnionName}，工会确认后转交职工。`, confirmText: '已送达' },
                    success: '已登记送达',
                    done: set,
                  })
                }
              >
                已送到工会站点
              </Button>
            ) : null}
            {d.abilities.release ? (
              <Button
                fill='outline'
                block
                loading={acting === 'release'}
                className='gh-donor-wish-detail__release'
                onClick={() =>
                  void run('release', () => call(api.releaseAdoption, { params: { id }, body: {} }), {
                    confirm: { title: '取消认领？', content: '取消后心愿回到心愿广场，等待其他爱心人士认领。', confirmText: '取消认领' },
                    success: '已取消认领',
                    done: () => openPage(DONOR_WISHES_PAGE),
                  })
                }
              >
                无法完成，取消认领
              </Button>
            ) : null}
            <Button fill='outline' block className='gh-donor-wish-detail__back' onClick={() => openPage(DONOR_WISHES_PAGE)}>
              返回我的认领
            </Button>
          </View>
          {d.adoption.status !== 'released' ? (
            <Conversation key={d.wish.status} side='donor' wishId={id} />
          ) : null}
          <WishTimeline rows={d.timeline} />
        </>
      )}
    </WishGate>
  );
}
