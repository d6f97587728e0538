import { Text, View } from '@tarojs/components';
import { archiveCategoryLabels, formatShanghai, sensitiveFieldLabels, type ArchiveCategory, type HardshipReadView } from '@gonghui/shared';
import './hardship.scss';

/** "1,234.5" → 123450 fen; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const t = text.replace(/[,，\s]/g, '');
  if (t === '') return 0;
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
  const parts = t.split('.');
  return Number(parts[0]) * 100 + Number(((parts[1] ?? '') + '00').slice(0, 2));
}

export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(fen % 100 === 0 ? 0 : 2)}元`;
}

export function CategoryTags({ groups }: { groups: ArchiveCategory[] }) {
  if (groups.length === 0) return <Text className='gh-hs-tag'>未匹配帮扶类别</Text>;
  return (
    <>
      {groups.map((g) => (
        <Text key={g} className='gh-hs-tag gh-hs-tag--warn'>
          {archiveCategoryLabels[g]}
        </Text>
      ))}
    </>
  );
}

/** Who read a member's record: each staff opening and each full-value read, with the reason. */
export function ReadList({ reads, empty }: { reads: HardshipReadView[]; empty: string }) {
  if (reads.length === 0) return <View className='gh-muted'>{empty}</View>;
  return (
    <View>
      {reads.map((r, i) => (
        <View key={`${r.at}-${i}`} className='gh-hs-row gh-hs-read'>
          <View className='gh-hs-row__main'>
            <View className='gh-hs-row__title'>
              {r.unionName} {r.readerName}
            </View>
            <View className='gh-hs-row__meta'>
              {formatShanghai(r.at, true)} · 查看了{sensitiveFieldLabels[r.field]}
              {r.reason ? ` · 原因：${r.reason}` : ''}
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}
