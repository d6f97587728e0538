import { useEffect, useState, type ReactNode } from 'react';
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, formatShanghai, memberTagLabels, type BatchStats, type VoucherBatchAdminView } from '@gonghui/shared';
import { api, call, downloadExport } from '../../../../api';
import { PageShell, HeaderBand } from '../../../../components/PageShell';
import { VoucherTicket } from '../../../../components/VoucherTicket';
import { DataTable, type Column } from '../../../../components/DataTable';
import { StatusBadge } from '../../../../components/StatusBadge';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../../components/StatusView';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { useSecondsLeft } from '../../../../hooks/useCountdown';
import { confirmDialog, toast } from '../../../../dialogs';
import { openPage } from '../../../../navigation';
import { validityRuleText, windowText } from '../../../../format';
import { BATCH_EDIT_PAGE, BATCH_STATS_PAGE, withQuery } from '../../../../routes';
import './index.scss';

const REFRESH_MS = 10_000;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

const UNION_COLUMNS: Column<BatchStats['byUnion'][number]>[] = [
  { key: 'union', title: '工会', width: '3fr', primary: true, render: (r) => r.unionName },
  { key: 'claimed', title: '已领取', width: '1fr', num: true, render: (r) => r.claimed },
  { key: 'redeemed', title: '已核销', width: '1fr', num: true, render: (r) => r.redeemed },
  { key: 'rate', title: '核销率', width: '1fr', num: true, render: (r) => `${percent(r.redeemed, r.claimed)}%` },
];

/** "2026-12-20 10:00" → "12月20日 10:00"; only the time when every bar is on one day. */
function hourText(hour: string, oneDay: boolean): string {
  const m = /^\d{4}-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(hour);
  if (!m) return hour;
  return oneDay ? m[3]! : `${Number(m[1])}月${Number(m[2])}日 ${m[3]}`;
}

function HourBars({ hours }: { hours: BatchStats['byHour'] }) {
  if (hours.length === 0) return <EmptyView title='还没有人领取' hint='开始领取后，这里按小时显示领取和核销数量。' />;
  const max = Math.max(1, ...hours.map((h) => Math.max(h.claimed, h.redeemed)));
  const oneDay = new Set(hours.map((h) => h.hour.slice(0, 10))).size === 1;
  return (
    <View className='gh-hours'>
      <View className='gh-hours__legend'>
        <Text className='gh-hours__key gh-hours__key--claimed'>领取</Text>
        <Text className='gh-hours__key gh-hours__key--redeemed'>核销</Text>
      </View>
      {hours.map((h) => (
        <View key={h.hour} className='gh-hours__row'>
          <View className='gh-hours__label'>{hourText(h.hour, oneDay)}</View>
          <View className='gh-hours__bars'>
            <View className='gh-hours__bar-line'>
              <View className='gh-hours__bar gh-hours__bar--claimed' style={{ width: `${(h.claimed / max) * 100}%` }} />
              <Text className='gh-hours__num'>{h.claimed}</Text>
            </View>
            <View className='gh-hours__bar-line'>
              <View className='gh-hours__bar gh-hours__bar--redeemed' style={{ width: `${(h.redeemed / max) * 100}%` }} />
              <Text className='gh-hours__num'>{h.redeemed}</Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}

export default function BatchStatsPage() {
  const router = useRouter();
  const id = router.params.id ?? '';
  const signedIn = useRequireLogin(withQuery(BATCH_STATS_PAGE, { id }));
  // Back from the edit page: show the change at once (refreshOnShow), not at the next refresh.
  const state = useResource(
    async () => {
      const [batch, stats] = await Promise.all([call(api.getBatch, { params: { id }, toast: false }), call(api.batchStats, { params: { id }, toast: false })]);
      return { batch, stats };
    },
    [id],
    { enabled: signedIn && !!id, refreshOnShow: true },
  );
  const { reload: load, refreshError } = state;
  const nextAt = state.settledAt === null ? null : state.settledAt + REFRESH_MS;
  const [visible, setVisible] = useState(true);
  const [acting, setActing] = useState<'publish' | 'close' | 'export' | null>(null);
  const secondsLeft = useSecondsLeft(nextAt);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  // Live: every ~10 s while the page is in front and the batch can still change.
  const live = state.status === 'ready' && state.data.batch.status !== 'draft';
  useEffect(() => {
    if (!visible || !live || nextAt === null) return undefined;
    const t = setTimeout(() => void load(true), Math.max(0, nextAt - Date.now()));
    return () => clearTimeout(t);
  }, [visible, live, nextAt, load]);

  const publish = async (b: VoucherBatchAdminView) => {
    const ok = await confirmDialog({
      title: '发布这批工惠券？',
      content: `会员将于${windowText(b.opensAt, b.closesAt)}领取，共${b.stockTotal}张。发布后面额、类型和领取时间不能再修改。`,
      confirmText: '确认发布',
    });
    if (!ok) return;
    setActing('publish');
    try {
      await call(api.publishBatch, { params: { id: b.id } });
      toast('已发布', 'success');
      await load(true);
    } catch {
      // shown by the API layer
    } finally {
      setActing(null);
    }
  };

  const close = async (b: VoucherBatchAdminView) => {
    const ok = await confirmDialog({
      title: '提前停发？',
      content: `停发后会员不能再领取“${b.title}”，已领取的券在有效期内仍可使用。此操作不能撤销。`,
      confirmText: '确认停发',
    });
    if (!ok) return;
    setActing('close');
    try {
      await call(api.closeBatch, { params: { id: b.id } });
      toast('已停发', 'success');
      await load(true);
    } catch {
      // shown by the API layer
    } finally {
      setActing(null);
    }
  };

  const exportXlsx = async (b: VoucherBatchAdminView) => {
    setActing('export');
    try {
      await downloadExport(api.batchRedemptionsXlsx, { params: { id: b.id }, filename: `核销明细-${b.period}.xlsx` });
    } catch (error) {
      toast(errorText(error));
    } finally {
      setActing(null);
    }
  };

  if (state.status !== 'ready') {
    return (
      <PageShell wide staffOnly className='gh-batch-stats'>
        <HeaderBand title='工惠券实况' />
        <View className='gh-card gh-card--overlap'>
          {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void load()} /> : <LoadingView />}
        </View>
      </PageShell>
    );
  }

  const { batch: b, stats: s } = state.data;
  const claimedPct = percent(s.claimed, s.stockTotal);
  // Only what this staff member may do now (the server's abilities): a button that would answer
  // 此操作需要本级工会管理员 is not shown at all.
  const published = b.status === 'open' || b.status === 'scheduled';
  const actions: ReactNode[] = [];
  if (b.status === 'draft' && b.abilities.update) {
    actions.push(
      <Button key='edit' fill='outline' className='gh-batch-stats__edit' onClick={() => openPage(withQuery(BATCH_EDIT_PAGE, { id: b.id }))}>
        编辑
      </Button>,
    );
  }
  if (b.status === 'draft' && b.abilities.publish) {
    actions.push(
      <Button key='publish' type='primary' loading={acting === 'publish'} className='gh-batch-stats__publish' onClick={() => void publish(b)}>
        发布
      </Button>,
    );
  }
  if (published && b.abilities.update) {
    actions.push(
      <Button key='modify' fill='outline' className='gh-batch-stats__modify' onClick={() => openPage(withQuery(BATCH_EDIT_PAGE, { id: b.id }))}>
        修改
      </Button>,
    );
  }
  if (published && b.abilities.close) {
    actions.push(
      <Button key='close' fill='outline' loading={acting === 'close'} className='gh-batch-stats__close' onClick={() => void close(b)}>
        提前停发
      </Button>,
    );
  }
  if (b.status !== 'draft') {
    actions.push(
      <Button key='export' type='primary' loading={acting === 'export'} className='gh-batch-stats__export' onClick={() => void exportXlsx(b)}>
        导出核销明细
      </Button>,
    );
  }
  /** What an operator cannot do here, and who can: instead of a button that would fail. */
  const waitingFor =
    b.status === 'draft' && !b.abilities.publish
      ? `发布需要${b.audience.unionName}管理员：请联系管理员审核发布。`
      : published && !b.abilities.update && !b.abilities.close
        ? `修改或停发已发布的工惠券需要${b.audience.unionName}管理员。`
        : null;
  return (
    <PageShell wide staffOnly className='gh-batch-stats'>
      <HeaderBand title={b.title} subtitle={`${b.audience.unionName}发放 · 领取时间 ${windowText(b.opensAt, b.closesAt)}`} />

      <View className='gh-card gh-card--overlap gh-batch-stats__head'>
        <View className='gh-batch-stats__status'>
          <StatusBadge status={b.status} />
          {live ? (
            <Text className='gh-batch-stats__live'>
              {refreshError ? `刷新失败（${errorText(refreshError)}），` : '实时数据，'}
              {secondsLeft > 0 ? `${secondsLeft} 秒后自动刷新` : '正在刷新…'}
            </Text>
          ) : (
            <Text className='gh-batch-stats__live'>草稿：发布后开始统计</Text>
          )}
        </View>
        {actions.length > 0 ? <View className='gh-batch-stats__actions'>{actions}</View> : null}
        {waitingFor ? <View className='gh-batch-stats__note'>{waitingFor}</View> : null}
      </View>

      <View className='gh-card gh-figures'>
        <View className='gh-figure gh-figure--claimed'>
          <View className='gh-figure__num'>{s.claimed}</View>
          <View className='gh-figure__label'>已领取（张）</View>
        </View>
        <View className='gh-figure gh-figure--redeemed'>
          <View className='gh-figure__num'>{s.redeemed}</View>
          <View className='gh-figure__label'>已核销（张）</View>
        </View>
        <View className='gh-figure gh-figure--remaining'>
          <View className='gh-figure__num'>{s.remaining}</View>
          <View className='gh-figure__label'>剩余（张）</View>
        </View>
        <View className='gh-figure gh-figure--discount'>
          <View className='gh-figure__num'>{formatFen(s.discountFen)}</View>
          <View className='gh-figure__label'>已优惠金额</View>
        </View>
        <View className='gh-progress'>
          <View className='gh-progress__track'>
            <View className='gh-progress__fill' style={{ width: `${Math.min(100, claimedPct)}%` }} />
          </View>
          <View className='gh-progress__text'>
            已领 {claimedPct}% · 共 {s.stockTotal} 张 · 核销率 {percent(s.redeemed, s.claimed)}%
          </View>
        </View>
      </View>

      {s.lottery ? (
        <View className='gh-card gh-figures gh-batch-stats__lottery'>
          <View className='gh-figure gh-figure--registrations'>
            <View className='gh-figure__num'>{s.lottery.registrations}</View>
            <View className='gh-figure__label'>摇号报名（人）</View>
          </View>
          <View className='gh-figure gh-figure--winners'>
            <View className='gh-figure__num'>{s.lottery.drawnAt ? s.lottery.winners : '—'}</View>
            <View className='gh-figure__label'>中签（人）</View>
          </View>
          <View className='gh-progress__text'>
            {s.lottery.drawnAt ? `已于 ${formatShanghai(s.lottery.drawnAt)} 开奖，${s.lottery.drawn} 人参与开奖` : `${formatShanghai(s.lottery.drawAt)} 开奖`}
          </View>
        </View>
      ) : null}

      <View className='gh-batch-stats__grid'>
        <View className='gh-card gh-batch-stats__hours'>
          <View className='gh-section-title'>按小时</View>
          <HourBars hours={s.byHour} />
        </View>
        <View className='gh-card gh-batch-stats__unions'>
          <View className='gh-section-title'>按工会</View>
          {s.byUnion.length === 0 ? (
            <EmptyView title='还没有人领取' hint='各工会会员的领取和核销数量会显示在这里。' />
          ) : (
            <DataTable columns={UNION_COLUMNS} rows={s.byUnion} rowKey={(r) => r.unionId} className='gh-batch-stats__table' />
          )}
        </View>
      </View>

      <View className='gh-card gh-batch-stats__about'>
        <View className='gh-section-title'>券面与规则</View>
        <View className='gh-batch-stats__about-body'>
          <VoucherTicket face={b} title={b.title} className='gh-batch-stats__ticket'>
            <View>{validityRuleText(b.validity)}</View>
          </VoucherTicket>
          <View className='gh-facts gh-batch-stats__facts'>
            <View className='gh-facts__row'>
              <Text className='gh-facts__label'>发放范围</Text>
              <Text className='gh-facts__value'>
                {b.audience.unionName}
                {b.audience.tags.length ? `（${b.audience.tags.map((t) => memberTagLabels[t]).join('、')}）` : '（全部会员）'}
              </Text>
            </View>
            <View className='gh-facts__row'>
              <Text className='gh-facts__label'>每人限领</Text>
              <Text className='gh-facts__value'>{b.perMemberLimit} 张</Text>
            </View>
            <View className='gh-facts__row'>
              <Text className='gh-facts__label'>可用商户</Text>
              <Text className='gh-facts__value'>{b.merchantIds.length ? `指定 ${b.merchantIds.length} 家` : '本地区全部合作商户'}</Text>
            </View>
            <View className='gh-facts__row'>
              <Text className='gh-facts__label'>有效期</Text>
              <Text className='gh-facts__value'>{validityRuleText(b.validity)}</Text>
            </View>
            {b.description ? (
              <View className='gh-facts__row'>
                <Text className='gh-facts__label'>使用说明</Text>
                <Text className='gh-facts__value'>{b.description}</Text>
              </View>
            ) : null}
          </View>
        </View>
      </View>
    </PageShell>
  );
}
