import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { ReviewBody, type StaffWishDetail } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { FormRow } from '../../../../components/Form';
import { useFieldErrors } from '../../../../forms/useFieldErrors';
import { confirmDialog, toast } from '../../../../dialogs';

const FIELDS = ['publicTitle', 'publicStory', 'note'] as const;
type Decision = 'approve' | 'request_changes' | 'reject';
const DONE: Record<Decision, string> = { approve: '已发布', request_changes: '已退回修改', reject: '已不通过' };

/**
 * Approve (with the public text, edited so that nothing points at the person), ask for changes
 * or reject: the last two need a note the member will read.
 */
export function ReviewForm({ wish, onDone }: { wish: StaffWishDetail; onDone: (w: StaffWishDetail) => void }) {
  const [publicTitle, setTitle] = useState(wish.publicTitle ?? wish.title);
  const [publicStory, setStory] = useState(wish.publicStory ?? wish.story);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<Decision | null>(null);
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);

  const decide = async (decision: Decision) => {
    const values = decision === 'approve' ? { decision, publicTitle, publicStory, note: note.trim() || undefined } : { decision, note };
    const body = check(ReviewBody, values);
    if (!body || sending) return;
    if (decision === 'approve' && !(await confirmDialog({ title: '发布这个心愿？', content: '发布后爱心人士可以看到公开标题和内容（职工姓名只显示姓氏）。', confirmText: '确认发布' }))) return;
    setSending(decision);
    try {
      const w = await call(api.reviewWish, { params: { id: wish.id }, body, toast: false });
      toast(DONE[decision], 'success');
      onDone(w);
    } catch (e) {
      fail(e);
    } finally {
      setSending(null);
    }
  };

  return (
    <View className='gh-card gh-staff-review'>
      <View className='gh-section-title'>审核</View>
      <FormRow label='公开标题' error={errors.publicTitle} hint='去掉姓名、单位等能认出职工的内容'>
        <Input className='gh-input gh-staff-review__title' maxLength={30} value={publicTitle} onChange={(v) => { setTitle(v); clear('publicTitle'); }} />
      </FormRow>
      <FormRow label='公开内容' error={errors.publicStory} hint='爱心人士看到的心愿故事'>
        <TextArea className='gh-input gh-input--area gh-staff-review__story' maxLength={500} value={publicStory} onChange={(v) => { setStory(v); clear('publicStory'); }} />
      </FormRow>
      <FormRow label='审核意见' error={errors.note} hint='退回修改或不通过时必填，职工会看到'>
        <TextArea className='gh-input gh-input--area gh-staff-review__note' maxLength={200} value={note} onChange={(v) => { setNote(v); clear('note'); }} />
      </FormRow>
      <View className='gh-wish-actions'>
        <Button type='primary' block loading={sending === 'approve'} className='gh-staff-review__approve' onClick={() => void decide('approve')}>
          通过并发布
        </Button>
        <Button fill='outline' block loading={sending === 'request_changes'} className='gh-staff-review__changes' onClick={() => void decide('request_changes')}>
          退回修改
        </Button>
        <Button fill='outline' block loading={sending === 'reject'} className='gh-staff-review__reject' onClick={() => void decide('reject')}>
          不通过
        </Button>
      </View>
    </View>
  );
}
