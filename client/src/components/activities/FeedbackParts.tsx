import { View, Text } from '@tarojs/components';
import { feedbackStatusLabels, formatShanghai, type FeedbackStatus } from '@gonghui/shared';
import '../StatusBadge.scss';
import './activities.scss';

export function FeedbackBadge({ status }: { status: FeedbackStatus }) {
  const tone = status === 'pending' ? 'not_open' : status === 'replied' ? 'signup' : 'ended';
  return <Text className={`gh-badge gh-activity-badge gh-activity-badge--${tone}`}>{feedbackStatusLabels[status]}</Text>;
}

/** A request's thread, oldest first: the member, the union's replies, what the system did. */
export function Thread({ messages }: { messages: { id: string; author: 'member' | 'staff' | 'system'; authorLabel: string; text: string; at: string }[] }) {
  return (
    <View className='gh-card gh-thread'>
      <View className='gh-section-title'>沟通记录</View>
      {messages.map((m) => (
        <View key={m.id} className={`gh-thread__item gh-thread__item--${m.author}`}>
          <View className='gh-thread__who'>
            {m.authorLabel} · {formatShanghai(m.at)}
          </View>
          <View className='gh-thread__text'>{m.text}</View>
        </View>
      ))}
    </View>
  );
}

/** Time left against the 24-hour first-reply target: 剩 5 小时 12 分 / 已超时 3 小时. */
export function TimeLeft({ minutes }: { minutes: number | null }) {
  if (minutes === null) return null;
  const abs = Math.abs(minutes);
  const text = `${Math.floor(abs / 60)} 小时 ${abs % 60} 分`;
  return <Text className={`gh-feedback-left ${minutes < 0 ? 'gh-feedback-left--late' : ''}`}>{minutes < 0 ? `已超时 ${text}` : `剩 ${text}`}</Text>;
}
