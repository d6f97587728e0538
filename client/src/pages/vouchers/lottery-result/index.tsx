import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { drawLottery, formatShanghai, lotteryRecipe, type LotteryPublicView } from '@gonghui/shared';
import { api, API_BASE, call } from '../../../api';
import { PageShell } from '../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../components/StatusView';
import { useResource } from '../../../hooks/useResource';
import { LotteryHead } from '../lottery/LotteryHead';
import '../lottery/index.scss';
import './index.scss';

/** Entries shown at first; the rest on request (the recipe reads the whole list from the API). */
const FIRST_ROWS = 100;

/** The API origin the recipe fetches from: the configured base, or (H5, same origin) the page's own. */
function apiOrigin(): string {
  if (API_BASE) return API_BASE;
  return process.env.TARO_ENV === 'h5' ? window.location.origin : '';
}

/** 摇号公示: the seed's hash, the seed once drawn, the recipe, and every ticket with its masked name, winners marked. Anyone may read it. */
export default function LotteryResultPage() {
  const id = useRouter().params.id ?? '';
  const result = useResource<LotteryPublicView>(() => call(api.lotteryResult, { params: { id }, toast: false }), [id], { enabled: !!id, refreshOnShow: true });
  const [all, setAll] = useState(false);
  const r = result.data;
  // The phone re-runs the draw from the list it was given: the same function as the server's.
  const checked = useMemo(() => {
    if (!r?.seed) return null;
    const mine = new Set(drawLottery(r.seed, r.tickets, r.prizes));
    const published = r.entries.filter((e) => e.won).map((e) => e.ticket);
    return published.length === mine.size && published.every((t) => mine.has(t));
  }, [r]);

  if (result.status === 'error') return <PageShell className='gh-lottery'><ErrorView error={result.error} onRetry={() => void result.reload()} /></PageShell>;
  if (!r) return <PageShell className='gh-lottery'><LoadingView /></PageShell>;
  const recipe = lotteryRecipe(`${apiOrigin()}/api/public/lotteries/${r.batchId}`);
  const rows = all ? r.entries : r.entries.slice(0, FIRST_ROWS);
  const winners = r.entries.filter((e) => e.won).length;
  return (
    <PageShell className='gh-lottery gh-lottery-result'>
      <LotteryHead title={r.title} status={r.status}>
        <View>{r.publisherName}发放 · 名额 {r.prizes} 个</View>
        <View>报名时间：{formatShanghai(r.registrationOpensAt)} 至 {formatShanghai(r.drawAt)}</View>
        <View>{r.drawnAt ? `已于 ${formatShanghai(r.drawnAt)} 开奖` : `${formatShanghai(r.drawAt)} 开奖`}</View>
        <View>
          报名 {r.registrations} 人{r.drawnAt ? ` · 中签 ${winners} 人` : ''}
          {r.excluded ? ` · ${r.excluded} 人开奖时不符合条件` : ''}
        </View>
      </LotteryHead>

      <View className='gh-card gh-lottery__fair'>
        <View className='gh-section-title'>随机种子</View>
        <View className='gh-lottery__hint'>发布时生成、开奖前只公开摘要（SHA-256），开奖后公布种子本身。</View>
        <View className='gh-lottery__hash gh-lottery-result__hash'>摘要：{r.seedHash}</View>
        <View className='gh-lottery__hash gh-lottery-result__seed'>种子：{r.seed ?? '开奖后公布'}</View>
        <View className='gh-section-title'>复算方法</View>
        <View className='gh-lottery__hint'>把每个号码按 SHA-256(种子 + ":" + 号码) 从小到大排序，前 {r.prizes} 个中签。在电脑上运行下面一行即可复算：</View>
        <View className='gh-lottery__code gh-lottery-result__recipe'>{recipe}</View>
        <Button fill='outline' size='large' block className='gh-lottery-result__copy' onClick={() => void Taro.setClipboardData({ data: recipe })}>
          复制复算命令
        </Button>
        {checked !== null ? (
          <View className='gh-lottery__hint gh-lottery-result__check' role='status'>
            本机复算：{checked ? '与公布结果一致' : '与公布结果不一致'}
          </View>
        ) : null}
      </View>

      {r.drawnAt ? (
        <View className='gh-card gh-lottery__fair'>
          <View className='gh-section-title'>参与开奖的号码</View>
          <View className='gh-lottery-result__list' role='list'>
            {rows.map((e) => (
              <View key={e.ticket} className={`gh-lottery-result__row ${e.won ? 'gh-lottery-result__row--won' : ''}`} role='listitem'>
                <Text className='gh-lottery-result__ticket'>{e.ticket}</Text>
                <Text className='gh-lottery-result__name'>{e.nameMasked}</Text>
                <Text className='gh-lottery-result__mark'>{e.won ? '中签' : '未中签'}</Text>
              </View>
            ))}
          </View>
          {!all && r.entries.length > FIRST_ROWS ? (
            <Button fill='outline' size='large' block className='gh-load-more' onClick={() => setAll(true)}>
              显示全部 {r.entries.length} 个号码
            </Button>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
