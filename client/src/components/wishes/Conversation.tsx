import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { formatShanghai, MessageBody, type WishConversation } from '@gonghui/shared';
import { api, call } from '../../api';
import { useSubmitKey } from '../../hooks/useSubmitKey';
import { FormRow } from '../Form';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { useResource } from '../../hooks/useResource';
import { toast } from '../../dialogs';
import { useWishAction } from './WishParts';

const FIELDS = ['text'] as const;

interface Props {
  /** Whose page this is: the wisher's own wish, or the donor's adoption. */
  side: 'wisher' | 'donor';
  wishId: string;
}

/** The three calls of each side. */
const CALLS = {
  wisher: { load: api.myConversation, consent: api.myContactConsent, send: api.mySendMessage },
  donor: { load: api.donorConversation, consent: api.donorContactConsent, send: api.donorSendMessage },
} as const;

function stateText(c: WishConversation, side: Props['side']): string {
  if (c.open) return '双方已同意，可以在这里留言。平台转达留言，不会显示双方的电话和身份。';
  if (!c.canAgree) return '留言已结束。';
  if (c.meAgreed) return '您已同意留言联系，等待对方同意。';
  if (c.otherAgreed) return `${c.otherName}希望通过平台留言与您沟通，同意后才能互相留言。`;
  return side === 'donor'
    ? '物品或服务默认送到工会服务站，由工会转交。如需沟通细节，可以请求留言联系，心愿人同意后才能互相留言。'
    : '物品或服务默认由工会服务站转交。如需沟通，双方都同意后可以在这里留言，不会显示您的电话和身份。';
}

/** 留言: the messages the app relays between the wisher and the donor once both agreed. */
export function Conversation({ side, wishId }: Props) {
  const calls = CALLS[side];
  const chat = useResource(() => call(calls.load, { params: { id: wishId }, toast: false }), [calls, wishId], { refreshOnShow: true });
  const consent = (agree: boolean) => call(calls.consent, { params: { id: wishId }, body: { agree } });
  const { acting, run } = useWishAction();
  const [text, setText] = useState('');
  const submitKey = useSubmitKey();
  const [sending, setSending] = useState(false);
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  if (chat.status !== 'ready') return null;
  const c = chat.data;
  if (!c.canAgree && c.messages.length === 0) return null;
  const set = (next: WishConversation) => chat.setData(() => next);

  const submit = async () => {
    const body = check(MessageBody, { text });
    if (!body || sending) return;
    setSending(true);
    try {
      set(await call(calls.send, { params: { id: wishId }, body: { text: body.text }, idempotencyKey: submitKey.key(), toast: false }));
      setText('');
      submitKey.settle();
      toast('留言已发送', 'success');
    } catch (e) {
      submitKey.settle(e);
      fail(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <View className='gh-card gh-wish-chat'>
      <View className='gh-section-title'>留言联系</View>
      <View className='gh-wish-chat__state'>{stateText(c, side)}</View>
      {c.messages.length ? (
        <View className='gh-wish-chat__list' role='list'>
          {c.messages.map((m) => (
            <View key={m.id} role='listitem' className={`gh-wish-chat__msg ${m.mine ? 'gh-wish-chat__msg--mine' : ''}`}>
              <View className='gh-wish-chat__who'>
                <Text>{m.mine ? '我' : c.otherName}</Text>
                <Text className='gh-wish-chat__at'> · {formatShanghai(m.at)}</Text>
              </View>
              <View className='gh-wish-chat__text'>{m.text}</View>
            </View>
          ))}
        </View>
      ) : null}
      {c.open ? (
        <View className='gh-wish-chat__form'>
          <FormRow label='留言' error={errors.text} hint='请不要写手机号、微信号等联系方式，交接请通过工会服务站'>
            <TextArea
              className='gh-input gh-input--area gh-wish-chat__input'
              placeholder='最多300个字'
              maxLength={300}
              value={text}
              onChange={(v) => {
                setText(v);
                clear('text');
              }}
            />
          </FormRow>
          <Button type='primary' block loading={sending} className='gh-wish-chat__send' onClick={() => void submit()}>
            发送留言
          </Button>
        </View>
      ) : null}
      {c.canAgree && !c.meAgreed ? (
        <Button
          type='primary'
          fill='outline'
          block
          loading={acting === 'agree'}
          className='gh-wish-chat__agree'
          onClick={() =>
            void run('agree', () => consent(true), {
              confirm: { title: '同意留言联系？', content: '双方都同意后可以互相留言。平台只转达留言，不会显示您的电话和身份。', confirmText: '同意' },
              success: c.otherAgreed ? '可以留言了' : '已同意，等待对方',
              done: set,
            })
          }
        >
          {side === 'donor' && !c.otherAgreed ? '请求留言联系' : '同意留言联系'}
        </Button>
      ) : null}
      {c.canAgree && c.meAgreed ? (
        <Button
          fill='outline'
          block
          loading={acting === 'stop'}
          className='gh-wish-chat__stop'
          onClick={() =>
            void run('stop', () => consent(false), {
              confirm: { title: '不再留言？', content: '双方都将不能再留言，之前的留言仍会保留。', confirmText: '不再留言' },
              success: '已停止留言',
              done: set,
            })
          }
        >
          不再留言
        </Button>
      ) : null}
    </View>
  );
}
