import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type MyWishDetail } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { HeaderBand } from '../../../../components/PageShell';
import { Fact, WishGate, WishStatusBadge, WishTimeline, useWishAction, wishMetaText } from '../../../../components/wishes/WishParts';
import { ThanksForm } from '../../../../components/wishes/ThanksForm';
import { Conversation } from '../../../../components/wishes/Conversation';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { openPage } from '../../../../navigation';
import { askWishSubscription } from '../../../../subscribe';
import { MY_WISH_PAGE, WISHES_PAGE, WISH_EDIT_PAGE, withQuery } from '../../../../routes';

/** What the wisher reads about where the wish stands. */
function stageText(w: MyWishDetail): string {
  switch (w.status) {
    case 'draft':
      return '还是草稿：提交后由工会审核。';
    case 'submitted':
      return '已提交，工会正在审核。';
    case 'changes_requested':
      return `工会请您修改后重新提交：${w.reviewNote ?? ''}`;
    case 'published':
      return '已发布，等待爱心人士认领。';
    case 'adopted':
      return `${w.donor?.displayName ?? '爱心人士'}已认领，正在准备。`;
    case 'delivered':
      return '爱心人士已把心愿送到工会站点，工会确认后会通知您领取。';
    case 'handed_over':
      return '心愿已在工会站点，请前往领取，领到后点“确认收到”。';
    case 'received':
      return '您已收到，写一句感谢的话吧。';
    case 'thanked':
      return '心愿已实现，感谢已送达。';
    case 'rejected':
      return `未通过审核：${w.reviewNote ?? ''}`;
    case 'withdrawn':
      return '您已撤回这个心愿。';
    case 'expired':
      return '到期没有人认领，心愿已结束。可以重新写一个。';
  }
}

export default function MyWishPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(MY_WISH_PAGE, { id }));
  const wish = useResource(() => call(api.myWish, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const { acting, run } = useWishAction();
  const set = (w: MyWishDetail) => wish.setData(() => w);

  return (
    <WishGate id={id} resource={wish} className='gh-my-wish-detail' back={{ label: '去微心愿', page: WISHES_PAGE }}>
      {(w) => <Detail w={w} acting={acting} run={run} set={set} />}
    </WishGate>
  );
}

function Detail({ w, acting, run, set }: { w: MyWishDetail; acting: string | null; run: ReturnType<typeof useWishAction>['run']; set: (w: MyWishDetail) => void }) {
  const id = w.id;
  const a = w.abilities;

  return (
    <>
      <HeaderBand title={w.title} subtitle={wishMetaText(w)} />
      <View className='gh-card gh-card--overlap'>
        <View className='gh-my-wish-detail__status'>
          <WishStatusBadge status={w.status} />
        </View>
        <View className='gh-my-wish-detail__stage gh-wish-story'>{stageText(w)}</View>
        <View className='gh-wish-story'>{w.story}</View>
        {w.publicTitle ? <Fact label='公开标题'>{w.publicTitle}</Fact> : null}
        {w.publicStory ? <Fact label='公开内容'>{w.publicStory}</Fact> : null}
        {w.donor ? <Fact label='认领人'>{w.donor.displayName}</Fact> : null}
        {w.onBehalf ? <Fact label='提交方式'>工会代为提交</Fact> : null}
        {w.thanksMessage ? <Fact label='我的感谢'>{w.thanksMessage}</Fact> : null}
        <Fact label='写于'>{formatShanghai(w.createdAt)}</Fact>
      </View>

      <View className='gh-card gh-wish-actions'>
        {a.confirmReceipt ? (
          <Button type='primary' block loading={acting === 'receipt'} className='gh-my-wish-detail__receipt' onClick={() => void run('receipt', (idempotencyKey) => call(api.confirmReceipt, { params: { id }, body: {}, idempotencyKey }), { confirm: { title: '确认已收到？', content: '请在工会站点领到物品或服务后再确认。', confirmText: '确认收到' }, success: '已确认收到', done: set })}>
            确认收到
          </Button>
        ) : null}
        {a.edit ? (
          <Button type='primary' fill='outline' block className='gh-my-wish-detail__edit' onClick={() => openPage(withQuery(WISH_EDIT_PAGE, { id }))}>
            修改心愿
          </Button>
        ) : null}
        {a.submit ? (
          <Button type='primary' block loading={acting === 'submit'} className='gh-my-wish-detail__submit' onClick={() => void run('submit', () => call(api.submitMyWish, { params: { id } }), { success: '已提交审核', done: (x) => { set(x); askWishSubscription(); } })}>
            提交审核
          </Button>
        ) : null}
        {a.withdraw ? (
          <Button fill='outline' block loading={acting === 'withdraw'} className='gh-my-wish-detail__withdraw' onClick={() => void run('withdraw', () => call(api.withdrawMyWish, { params: { id }, body: {} }), { confirm: { title: '撤回这个心愿？', content: '撤回后爱心人士将看不到它，不能恢复。', confirmText: '确认撤回' }, success: '已撤回', done: set })}>
            撤回心愿
          </Button>
        ) : null}
        <Button fill='outline' block className='gh-my-wish-detail__back' onClick={() => openPage(WISHES_PAGE)}>
          返回我的心愿
        </Button>
      </View>

      {w.donor ? (
        <Conversation key={w.status} side='wisher' wishId={id} />
      ) : null}
      {a.thank ? <ThanksForm className='gh-my-wish-detail__thanks' send={async (body) => set(await call(api.thankDonor, { params: { id }, body, toast: false }))} /> : null}
      <WishTimeline rows={w.timeline} />
    </>
  );
}
