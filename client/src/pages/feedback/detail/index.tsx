import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { feedbackCategoryLabels, formatShanghai, type MyFeedbackDetail } from '@gonghui/shared';
import { api, call } from '../../../api';
import { FeedbackBadge, Thread } from '../../../components/activities/FeedbackParts';
import { Chips, FormRow } from '../../../components/Form';
import { HeaderBand } from '../../../components/PageShell';
import { Fact, WishGate } from '../../../components/wishes/WishParts';
import { toast } from '../../../dialogs';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { FEEDBACK_PAGE, MY_FEEDBACK_PAGE, withQuery } from '../../../routes';

const STARS = ['1', '2', '3', '4', '5'].map((k) => ({ key: k, label: `${k}星` }));

/** What the member reads about where the request stands. */
function stageText(f: MyFeedbackDetail): string {
  if (f.status === 'closed') return `已办结（${formatShanghai(f.closedAt!)}）`;
  if (f.status === 'replied') return `${f.handlingUnionName}已回复，请查看下方沟通记录。`;
  return `${f.handlingUnionName}正在处理，24小时内回复您。`;
}

export default function MyFeedbackPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(MY_FEEDBACK_PAGE, { id }), { memberArea: true });
  const item = useResource(() => call(api.myFeedback, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const [score, setScore] = useState('5');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  const rate = async (f: MyFeedbackDetail) => {
    if (busy) return;
    setBusy(true);
    try {
      const answer = await call(api.rateFeedback, { params: { id: f.id }, body: { score: Number(score), comment: comment.trim() || undefined } });
      item.setData(() => answer);
      toast('感谢您的评价', 'success');
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };

  return (
    <WishGate id={id} resource={item} className='gh-feedback-detail' missing='没有找到这条诉求' back={{ label: '去聆听', page: FEEDBACK_PAGE }}>
      {(f) => (
        <>
          <HeaderBand title={feedbackCategoryLabels[f.category]} subtitle={`提交于 ${formatShanghai(f.createdAt)}`} />
          <View className='gh-card gh-card--overlap'>
            <FeedbackBadge status={f.status} />
            <View className='gh-activity-detail__place gh-feedback-detail__stage'>{stageText(f)}</View>
            <Fact label='办理工会'>{f.handlingUnionName}</Fact>
            {f.bypassGrassroots ? <Fact label='提交方式'>不经本单位工会</Fact> : null}
            {f.rating ? <Fact label='我的评价'>{`${f.rating.score}星${f.rating.comment ? `，${f.rating.comment}` : ''}`}</Fact> : null}
          </View>
          <Thread messages={f.messages} />
          {f.mayRate ? (
            <View className='gh-card gh-feedback-detail__rate'>
              <FormRow label='对工会的回复满意吗'>
                <Chips options={STARS} value={score} onChange={setScore} label='满意度' className='gh-stars' />
              </FormRow>
              <FormRow label='说两句（选填）'>
                <TextArea className='gh-input gh-input--area gh-feedback-detail__comment' placeholder='最多200个字' maxLength={200} value={comment} onChange={setComment} />
              </FormRow>
              <Button type='primary' block loading={busy} className='gh-feedback-detail__rate-send' onClick={() => void rate(f)}>
                提交评价
              </Button>
            </View>
          ) : null}
          <View className='gh-card'>
            <Button fill='outline' block className='gh-feedback-detail__back' onClick={() => openPage(FEEDBACK_PAGE)}>
              返回聆听
            </Button>
          </View>
        </>
      )}
    </WishGate>
  );
}
