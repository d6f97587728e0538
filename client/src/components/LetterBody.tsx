import { View } from '@tarojs/components';
import './LetterBody.scss';

/** The letter's paragraphs as written (one per line), for reading and for printing. */
export function LetterBody({ title, body, unionName, date }: { title: string; body: string; unionName: string; date: string }) {
  const lines = body.split('\n').filter((l) => l.trim());
  return (
    <View className='gh-card gh-card--overlap gh-letter'>
      <View className='gh-letter__title'>{title}</View>
      {lines.map((l, i) => (
        <View key={i} className={i === 0 ? 'gh-letter__greeting' : i === lines.length - 1 && l === unionName ? 'gh-letter__sign' : 'gh-letter__para'}>
          {l}
        </View>
      ))}
      <View className='gh-letter__date'>{date}</View>
    </View>
  );
}

