import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { ThanksBody } from '@gonghui/shared';
import { FormRow } from '../Form';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { toast } from '../../dialogs';

const FIELDS = ['message'] as const;

/** 写感谢: a short message the donor (and the thank-you wall, masked) will read. */
export function ThanksForm({ send, className }: { send: (body: { message: string }) => Promise<unknown>; className?: string }) {
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  const submit = async () => {
    const body = check(ThanksBody, { message });
    if (!body || sending) return;
    setSending(true);
    try {
      await send(body);
      toast('感谢已送出', 'success');
    } catch (e) {
      fail(e);
    } finally {
      setSending(false);
    }
  };
  return (
    <View className={`gh-card gh-wish-thanks-form ${className ?? ''}`}>
      <View className='gh-section-title'>写一句感谢的话</View>
      <FormRow label='感谢的话' error={errors.message} hint='会转给爱心人士，并显示在感谢墙上（只显示您的姓氏）'>
        <TextArea
          className='gh-input gh-input--area gh-wish-thanks-form__message'
          placeholder='2到200个字'
          maxLength={200}
          value={message}
          onChange={(v) => {
            setMessage(v);
            clear('message');
          }}
        />
      </FormRow>
      <Button type='primary' block loading={sending} className='gh-wish-thanks-form__send' onClick={() => void submit()}>
        发送感谢
      </Button>
    </View>
  );
}
