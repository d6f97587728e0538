import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { feedbackCategoryLabels, formatShanghai, type StaffFeedbackDetail } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { FeedbackBadge, Thread, TimeLeft } from '../../../../components/activities/FeedbackParts';
import { FormRow, SelectField } from '../../../../components/Form';
import { HeaderBand } from '../../../../components/PageShell';
import { Fact, WishGate, useWishAction } from '../../../../components/wishes/WishParts';
import { toast } from '../../../../dialogs';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { STAFF_FEEDBACK_DETAIL_PAGE, STAFF_FEEDBACK_PAGE, withQuery } from '../../../../routes';

/** One request for staff: the thread (reading it is recorded), reply, hand over within the subtree, close. */
export default function StaffFeedbackDetailPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(STAFF_FEEDBACK_DETAIL_PAGE, { id }));
  const item = useResource(() => call(api.staffFeedback, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const unions = useResource(async () => (await call(api.listUnions, { toast: false })).data, [], { enabled: signedIn });
  const [reply, setReply] = useState('');
  const [target, setTarget] = useState(-1);
  const { acting, run } = useWishAction();
  const set = (f: StaffFeedbackDetail) => item.setData(() => f);

  return (
    <WishGate id={id} wide staffOnly resource={item} className='gh-staff-feedback-detail' missing='没有找到这条诉求' back={{ label: '返回聆听', page: STAFF_FEEDBACK_PAGE }}>
      {(f) => (
        <>
          <HeaderBand title={`${feedbackCategoryLabels[f.category]}诉求`} subtitle={`${f.memberName} · ${f.memberUnionName} · ${formatShanghai(f.createdAt)}`} />
          <View className='gh-card gh-card--overlap'>
            <FeedbackBadge status={f.status} />
            {f.timeLeftMinutes !== null ? (
              <View className='gh-activity-detail__place'>
                <TimeLeft minutes={f.timeLeftMinutes} />
              </View>
            ) : null}
            <Fact label='办理工会'>{f.handlingUnionName}</Fact>
            {f.bypassGrassroots ? <Fact label='提交方式'>不经本单位工会（请勿转回职工所在单位）</Fact> : null}
            {f.escalations ? <Fact label='升级'>{`超时未回复，已升级 ${f.escalations} 次`}</Fact> : null}
            {f.rating ? <Fact label='职工评价'>{`${f.rating.score}星${f.rating.comment ? `，${f.rating.comment}` : ''}`}</Fact> : null}
          </View>
          <Thread messages={f.messages} />
          {f.abilities.reply ? (
            <View className='gh-card gh-staff-feedback-detail__reply'>
              <FormRow label='回复职工'>
                <TextArea className='gh-input gh-input--area gh-staff-feedback-detail__text' placeholder='5到1000个字' maxLength={1000} value={reply} onChange={setReply} />
              </FormRow>
              <Button
                type='primary'
                block
                loading={acting === 'reply'}
                className='gh-staff-feedback-detail__send'
                onClick={() => {
                  if (reply.trim().length < 5) return toast('回复至少5个字');
                  void run('reply', (idempotencyKey) => call(api.replyFeedback, { params: { id: f.id }, body: { text: reply.trim() }, idempotencyKey }), { success: '已回复', payload: reply.trim(), done: (x) => { set(x); setReply(''); } });
                }}
              >
                发送回复
              </Button>
            </View>
          ) : null}
          {f.abilities.handover || f.abilities.close ? (
            <View className='gh-card gh-activity-actions'>
              {f.abilities.handover && unions.status === 'ready' ? (
                <>
                  <FormRow label='转交工会' hint='转交后由该工会在24小时内回复'>
                    <SelectField items={unions.data.filter((u) => u.name !== f.handlingUnionName)} value={target} label={(u) => `${'　'.repeat(u.depth)}${u.name}`} onChange={setTarget} className='gh-staff-feedback-detail__target' />
                  </FormRow>
                  <Button
                    type='primary'
                    fill='outline'
                    block
                    loading={acting === 'handover'}
                    className='gh-staff-feedback-detail__handover'
                    onClick={() => {
                      const u = unions.data.filter((x) => x.name !== f.handlingUnionName)[target];
                      if (!u) return toast('请选择转交的工会');
                      void run('handover', () => call(api.handOverFeedback, { params: { id: f.id }, body: { unionId: u.id } }), { success: `已转交${u.name}`, done: set });
                    }}
                  >
                    转交
                  </Button>
                </>
              ) : null}
              {f.abilities.close ? (
                <Button
                  fill='outline'
                  block
                  loading={acting === 'close'}
                  className='gh-staff-feedback-detail__close'
                  onClick={() => {
                    // Not answered yet: what is in the reply box goes to the member as the reason it is closed.
                    const answered = f.messages.some((m) => m.author === 'staff');
                    if (!answered && reply.trim().length < 2) return toast('尚未回复职工，请先在回复框写明办结说明');
                    const note = answered ? undefined : reply.trim();
                    void run('close', () => call(api.closeFeedback, { params: { id: f.id }, body: note ? { note } : {} }), { confirm: { title: '办结此诉求？', content: answered ? '办结后不能再回复，职工可以评价。' : '回复框里的内容将作为办结说明发给职工。', confirmText: '办结' }, success: '已办结', done: (x) => { set(x); setReply(''); } });
                  }}
                >
                  办结
                </Button>
              ) : null}
            </View>
          ) : null}
        </>
      )}
    </WishGate>
  );
}
