import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { QrImage } from '../../../components/QrImage';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, formatShanghai, voucherStatusLabels, type ErrorCode, type VoucherCode, type VoucherDetail } from '@gonghui/shared';
import { api, call, isApiError, newIdempotencyKey } from '../../../api';
import { PageShell } from '../../../components/PageShell';
import { VoucherTicket } from '../../../components/VoucherTicket';
import { ErrorView, LoadingView } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { useSecondsLeft } from '../../../hooks/useCountdown';
import { confirmDialog, toast } from '../../../dialogs';
import { groupCode } from '../../../format';
import { VOUCHER_PAGE, withQuery } from '../../../routes';
import { pressable } from '../../account/shared/pressable';
import './index.scss';

/** The code lives 30 s on the server; fetch a new one 25 s after each (device time only: no clock comparison). */
const CODE_REFRESH_MS = 25_000;
/** While the code is shown, look every few seconds whether the merchant has redeemed it. */
const STATUS_POLL_MS = 5_000;
/** Answers that mean the voucher can no longer show a code: reload it to show why. */
const FINAL_CODES: readonly ErrorCode[] = ['VOUCHER_ALREADY_USED', 'VOUCHER_EXPIRED', 'VOUCHER_NOT_FOUND'];

type CodeState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; code: VoucherCode; refreshAt: number };

/** weapp: full brightness and no screen lock while the code is shown; restored after. */
function useBrightScreen(active: boolean) {
  const saved = useRef<number | null>(null);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !active) return undefined;
    let cancelled = false;
    Taro.getScreenBrightness()
      .then((r) => {
        if (cancelled) return;
        saved.current = r.value;
        return Taro.setScreenBrightness({ value: 1 });
      })
      .catch(() => undefined);
    Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    return () => {
      cancelled = true;
      if (saved.current !== null) Taro.setScreenBrightness({ value: saved.current }).catch(() => undefined);
      saved.current = null;
      Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    };
  }, [active]);
}

function CodePanel({ code, onRefresh }: { code: CodeState; onRefresh: () => void }) {
  const secondsLeft = useSecondsLeft(code.status === 'ready' ? code.refreshAt : null);
  return (
    <View className='gh-card gh-code'>
      <View className='gh-code__title'>向商户出示券码</View>
      {code.status === 'ready' ? (
        <View className='gh-code__body'>
          <QrImage className='gh-code__qr' src={code.code.qr} label={`券码二维码，数字码 ${groupCode(code.code.shortCode)}`} />
          <View className='gh-code__digits'>{groupCode(code.code.shortCode)}</View>
          <View className='gh-code__refresh'>
            <Text className='gh-code__left'>{secondsLeft > 0 ? `${secondsLeft} 秒后自动刷新` : '正在刷新…'}</Text>
            <Text className='gh-code__refresh-now' {...pressable(null, onRefresh)}>
              立即刷新
            </Text>
          </View>
        </View>
      ) : null}
      {code.status === 'loading' || code.status === 'idle' ? <LoadingView text='正在生成券码…' /> : null}
      {code.status === 'error' ? <ErrorView error={code.error} onRetry={onRefresh} /> : null}
      <View className='gh-code__hint'>请调高屏幕亮度。券码每30秒更新一次，截图无效。</View>
    </View>
  );
}

function UsedPanel({ v }: { v: VoucherDetail }) {
  return (
    <View className='gh-card gh-done gh-done--used'>
      <View className='gh-done__mark'>已使用</View>
      <View className='gh-facts'>
        <View className='gh-facts__row'>
          <Text className='gh-facts__label'>核销商户</Text>
          <Text className='gh-facts__value'>{v.merchantName ?? '—'}</Text>
        </View>
        {v.usedAt ? (
          <View className='gh-facts__row'>
            <Text className='gh-facts__label'>核销时间</Text>
            <Text className='gh-facts__value'>{formatShanghai(v.usedAt)}</Text>
          </View>
        ) : null}
        {v.orderAmountFen !== null ? (
          <View className='gh-facts__row'>
            <Text className='gh-facts__label'>订单金额</Text>
            <Text className='gh-facts__value'>{formatFen(v.orderAmountFen)}</Text>
          </View>
        ) : null}
        {v.discountFen !== null ? (
          <View className='gh-facts__row'>
            <Text className='gh-facts__label'>本单优惠</Text>
            <Text className='gh-facts__value gh-amount'>{formatFen(v.discountFen)}</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}

export default function VoucherPage() {
  const router = useRouter();
  const id = router.params.id ?? '';
  const signedIn = useRequireLogin(withQuery(VOUCHER_PAGE, { id }), { memberArea: true });
  const detail = useResource(() => call(api.myVoucher, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id });
  const loadDetail = detail.reload;
  const [code, setCode] = useState<CodeState>({ status: 'idle' });
  const [visible, setVisible] = useState(true);
  const [returning, setReturning] = useState(false);
  const codeSeq = useRef(0);

  const fetchCode = useCallback(async () => {
    const seq = ++codeSeq.current;
    setCode((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    try {
      const c = await call(api.voucherCode, { params: { id }, toast: false });
      if (seq === codeSeq.current) setCode({ status: 'ready', code: c, refreshAt: Date.now() + CODE_REFRESH_MS });
    } catch (error) {
      if (seq !== codeSeq.current) return;
      if (isApiError(error) && FINAL_CODES.includes(error.code as ErrorCode)) {
        setCode({ status: 'idle' });
        void loadDetail(true);
      } else {
        setCode({ status: 'error', error });
      }
    }
  }, [id, loadDetail]);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  useUnload(() => {
    codeSeq.current++;
  });

  const unused = detail.status === 'ready' && detail.data.status === 'unused';
  const showing = unused && visible;
  useBrightScreen(showing);

  // A code as soon as the voucher is shown; another one before it expires; none when hidden or used.
  const codeReady = code.status === 'ready' ? code.refreshAt : null;
  useEffect(() => {
    if (!showing) return undefined;
    if (codeReady === null) {
      void fetchCode();
      return undefined;
    }
    const t = setTimeout(() => void fetchCode(), Math.max(0, codeReady - Date.now()));
    return () => clearTimeout(t);
    // code errors wait for the retry button
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showing, codeReady]);

  useEffect(() => {
    if (!showing) {
      codeSeq.current++;
      setCode({ status: 'idle' });
    }
  }, [showing]);

  useEffect(() => {
    if (!showing) return undefined;
    const t = setInterval(() => void loadDetail(true), STATUS_POLL_MS);
    return () => clearInterval(t);
  }, [showing, loadDetail]);

  const giveBack = async (v: VoucherDetail) => {
    const ok = await confirmDialog({
      title: '退回这张工惠券？',
      content: '退回后名额归还，活动结束前您还可以重新领取。',
      confirmText: '确认退回',
      cancelText: '再想想',
    });
    if (!ok) return;
    setReturning(true);
    try {
      await call(api.returnVoucher, { params: { id: v.id }, idempotencyKey: newIdempotencyKey() });
      toast('已退回', 'success');
      await loadDetail(true);
    } catch {
      // The API layer showed why.
    } finally {
      setReturning(false);
    }
  };

  if (detail.status === 'loading' || detail.status === 'idle') {
    return (
      <PageShell className='gh-voucher-page'>
        <LoadingView />
      </PageShell>
    );
  }
  if (detail.status === 'error') {
    return (
      <PageShell className='gh-voucher-page'>
        <ErrorView error={detail.error} onRetry={() => void loadDetail()} />
      </PageShell>
    );
  }

  const v = detail.data;
  const stamp = v.status === 'unused' ? undefined : voucherStatusLabels[v.status];
  return (
    <PageShell className={`gh-voucher-page gh-voucher-page--${v.status}`}>
      <View className='gh-voucher-page__top' />
      <VoucherTicket face={v} title={v.title} muted={v.status !== 'unused'} stamp={stamp} className='gh-voucher-page__ticket'>
        <View>有效期至 {formatShanghai(v.expiresAt)}</View>
        <View>领取于 {formatShanghai(v.claimedAt)}</View>
      </VoucherTicket>

      {v.status === 'unused' ? <CodePanel code={code} onRefresh={() => void fetchCode()} /> : null}
      {v.status === 'used' ? <UsedPanel v={v} /> : null}
      {v.status === 'expired' ? (
        <View className='gh-card gh-done gh-done--expired'>
          <View className='gh-done__mark'>已过期</View>
          <View className='gh-muted'>这张券已于 {formatShanghai(v.expiresAt)} 过期，下个工惠日再来领取新券。</View>
        </View>
      ) : null}
      {v.status === 'returned' ? (
        <View className='gh-card gh-done gh-done--returned'>
          <View className='gh-done__mark'>已退回</View>
          <View className='gh-muted'>名额已归还，活动结束前可在“工惠券”页重新领取。</View>
        </View>
      ) : null}

      <View className='gh-card gh-voucher-page__rules'>
        <View className='gh-section-title'>使用说明</View>
        {v.description ? <View className='gh-voucher-page__desc'>{v.description}</View> : null}
        <View className='gh-voucher-page__desc'>
          {v.kind === 'threshold' && v.thresholdFen ? `订单满${formatFen(v.thresholdFen)}减${formatFen(v.faceValueFen)}` : `立减${formatFen(v.faceValueFen)}`}
          {v.stackable ? '，同批次的券可叠加使用' : '，每单限用一张'}。
        </View>
      </View>

      <View className='gh-card gh-merchants'>
        <View className='gh-section-title'>可用商户</View>
        {v.allMerchantsInArea ? <View className='gh-merchants__all'>本地区合作商户均可使用</View> : null}
        {v.merchants.map((m) => (
          <View key={m.id} className='gh-merchants__row'>
            <View className='gh-merchants__head'>
              <Text className='gh-merchants__name'>{m.name}</Text>
              <Text className='gh-merchants__category'>{m.category}</Text>
            </View>
            {m.address ? <View className='gh-merchants__address'>{m.address}</View> : null}
          </View>
        ))}
        {!v.allMerchantsInArea && v.merchants.length === 0 ? <View className='gh-muted'>暂无可用商户，请咨询发放工会。</View> : null}
      </View>

      {v.returnable && v.status === 'unused' ? (
        <View className='gh-button-row'>
          <Button fill='outline' block loading={returning} className='gh-return' onClick={() => void giveBack(v)}>
            不需要了，退回这张券
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
