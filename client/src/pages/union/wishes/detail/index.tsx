import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type StaffWishDetail } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { HeaderBand } from '../../../../components/PageShell';
import { Fact, WishGate, WishStatusBadge, WishTimeline, useWishAction, wishMetaText } from '../../../../components/wishes/WishParts';
import { ThanksForm } from '../../../../components/wishes/ThanksForm';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { openPage } from '../../../../navigation';
import { STAFF_WISHES_PAGE, STAFF_WISH_PAGE, withQuery } from '../../../../routes';
import { ReviewForm } from './ReviewForm';
import { StaffMessages } from './StaffMessages';

type Run = ReturnType<typeof useWishAction>['run'];

/** Staff acting for a worker without a phone, on wishes they filed: the wisher's own steps. */
function ForWisher({ w, acting, run, set }: { w: StaffWishDetail; acting: string | null; run: Run; set: (w: StaffWishDetail) => void }) {
  const id = w.id;
  const s = w.status;
  return (
    <>
      {s === 'draft' || s === 'changes_requested' ? (
        <Button type='primary' block loading={acting === 'submit'} className='gh-staff-wish__submit' onClick={() => void run('submit', () => call(api.staffSubmitWish, { params: { id } }), { success: '已提交', done: set })}>
          代职工提交
        </Button>
      ) : null}
      {s === 'handed_over' ? (
        <Button type='primary' block loading={acting === 'receipt'} className='gh-staff-wish__receipt' onClick={() => void run('receipt', (idempotencyKey) => call(api.staffConfirmReceipt, { params: { id }, body: {}, idempotencyKey }), { confirm: { title: '职工已领取？', content: '确认职工已在站点领到物品或服务。', confirmText: '已领取' }, success: '已确认领取', done: set })}>
          代职工确认收到
        </Button>
      ) : null}
      {['draft', 'submitted', 'changes_requested', 'published'].includes(s) ? (
        <Button fill='outline' block loading={acting === 'withdraw'} className='gh-staff-wish__withdraw' onClick={() => void run('withdraw', () => call(api.staffWithdrawWish, { params: { id }, body: {} }), { confirm: { title: '代职工撤回？', content: '撤回后不能恢复。', confirmText: '确认撤回' }, success: '已撤回', done: set })}>
          代职工撤回
        </Button>
      ) : null}
    </>
  );
}

/** One wish for union staff: the wisher's text (read is audited), the review, the hand-over at the station, the timeline. */
export default function StaffWishPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(STAFF_WISH_PAGE, { id }));
  const wish = useResource(() => call(api.staffWish, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const { acting, run } = useWishAction();
  const set = (w: StaffWishDetail) => wish.setData(() => w);

  return (
    <WishGate id={id} resource={wish} wide className='gh-staff-wish' back={{ label: '返回心愿列表', page: STAFF_WISHES_PAGE }}>
      {(w) => (
        <>
          <HeaderBand title={w.title} subtitle={wishMetaText(w)} />
          <View className='gh-card gh-card--overlap'>
            <WishStatusBadge status={w.status} />
            <Fact label='职工'>{`${w.memberNameMasked}（会员号 ${w.memberNo}）`}</Fact>
            <Fact label='工会'>{w.unionName}</Fact>
            {w.onBehalf ? <Fact label='提交方式'>工会代为提交</Fact> : null}
            {w.overdue ? <Fact label='提醒'>已逾期</Fact> : null}
            <View className='gh-section-title'>职工写的心愿</View>
            <View className='gh-wish-story gh-staff-wish__story'>{w.story}</View>
            {w.publicTitle ? <Fact label='公开标题'>{w.publicTitle}</Fact> : null}
            {w.publicStory ? <Fact label='公开内容'>{w.publicStory}</Fact> : null}
            {w.reviewNote ? <Fact label='审核意见'>{w.reviewNote}</Fact> : null}
            {w.donorContact ? <Fact label='认领人'>{`${w.donorContact.displayName} ${w.donorContact.phoneMasked}`}</Fact> : null}
            {w.adoptionDueAt ? <Fact label='送达期限'>{formatShanghai(w.adoptionDueAt)}</Fact> : null}
            {w.thanksMessage ? <Fact label='职工的感谢'>{w.thanksMessage}</Fact> : null}
          </View>
          {w.abilities.review ? <ReviewForm wish={w} onDone={set} /> : null}
          <View className='gh-card gh-wish-actions'>
            {w.abilities.confirmHandover ? (
              <Button type='primary' block loading={acting === 'handover'} className='gh-staff-wish__handover' onClick={() => void run('handover', (idempotencyKey) => call(api.confirmHandover, { params: { id }, body: {}, idempotencyKey }), { confirm: { title: '站点已收到？', content: '确认爱心人士送来的物品或服务已到站点，职工会收到领取通知。', confirmText: '确认收到' }, success: '已确认交接', done: set })}>
                确认站点已收到
              </Button>
            ) : null}
            {w.abilities.release ? (
              <Button fill='outline' block loading={acting === 'release'} className='gh-staff-wish__release' onClick={() => void run('release', () => call(api.staffReleaseAdoption, { params: { id }, body: {} }), { confirm: { title: '取消这次认领？', content: '心愿回到心愿广场，双方都会收到通知。', confirmText: '取消认领' }, success: '已取消认领', done: set })}>
                取消认领
              </Button>
            ) : null}
            {w.abilities.actForWisher ? <ForWisher w={w} acting={acting} run={run} set={set} /> : null}
            <Button fill='outline' block className='gh-staff-wish__back' onClick={() => openPage(STAFF_WISHES_PAGE)}>
              返回心愿列表
            </Button>
          </View>
          {w.abilities.actForWisher && w.status === 'received' ? <ThanksForm send={async (body) => set(await call(api.staffThank, { params: { id }, body, toast: false }))} /> : null}
          {w.donorContact ? <StaffMessages id={w.id} /> : null}
          <WishTimeline rows={w.timeline} />
        </>
      )}
    </WishGate>
  );
}
