import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type WishConversation } from '@gonghui/shared';
import { api, call } from '../../../../api';

/** The messages relayed between wisher and donor, opened on purpose (each reading is audited). */
export function StaffMessages({ id }: { id: string }) {
  const [chat, setChat] = useState<WishConversation | null>(null);
  const [loading, setLoading] = useState(false);
  const open = async () => {
    setLoading(true);
    try {
      setChat(await call(api.staffConversation, { params: { id } }));
    } catch {
      // shown by the API layer
    } finally {
      setLoading(false);
    }
  };
  return (
    <View className='gh-card gh-wish-chat gh-staff-wish-messages'>
      <View className='gh-section-title'>双方留言</View>
      {chat ? (
        chat.messages.length ? (
          <View className='gh-wish-chat__list' role='list'>
            {chat.messages.map((m) => (
              <View key={m.id} role='listitem' className='gh-wish-chat__msg'>
                <View className='gh-wish-chat__who'>
                  <Text>{m.from === 'wisher' ? '心愿人' : chat.otherName}</Text>
                  <Text className='gh-wish-chat__at'> · {formatShanghai(m.at)}</Text>
                </View>
                <View className='gh-wish-chat__text'>{m.text}</View>
              </View>
            ))}
          </View>
        ) : (
          <View className='gh-wish-chat__state'>{chat.open ? '双方已同意留言，还没有留言。' : '双方没有通过平台留言。'}</View>
        )
      ) : (
        <>
          <View className='gh-wish-chat__state'>心愿人和爱心人士都同意后，可以通过平台互相留言。查看留言会记录在审计日志中。</View>
          <Button fill='outline' block loading={loading} className='gh-staff-wish-messages__open' onClick={() => void open()}>
            查看留言
          </Button>
        </>
      )}
    </View>
  );
}
