import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { CareModeSetting } from '../../components/CareModeSetting';
import { formatFen, formatShanghai, parseYuan, type RedemptionBody, type RedemptionResult, type ResponseOf } from '@gonghui/shared';
import { api, call, isApiError, newIdempotencyKey } from '../../api';
import { useAppStore } from '../../stores';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../components/StatusView';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { toast } from '../../dialogs';
import { useNumericKeypad, useQrScan } from '../../components/QrScanner';
import { groupCode, normalizeCode, shanghaiClock } from '../../format';
import { isMerchantOnly } from '../../roles';
import { LOGIN_PAGE, MERCHANT_PAGE } from '../../routes';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

type Today = ResponseOf<typeof api.merchantRedemptions>;
type Offered = RedemptionResult['stackable'][number];
type Step =
  | { kind: 'form' }
  /**
   * Previewed: `key` is this order's Idempotency-Key, kept for a retry after a lost answer.
   * `presentedId` is the voucher whose code was shown; `offered` the member's other vouchers of
   * that batch the cashier may add (from the first preview), `picked` those added. `body` is
   * exactly what the confirm sends, and `result` the server's answer for it.
   */
  | {
      kind: 'preview';
      body: RedemptionBody;
      result: RedemptionResult;
      key: string;
      retry: boolean;
      presentedId: string;
      offered: Offered[];
      picked: string[];
    }
  | { kind: 'done'; result: RedemptionResult };

/** The member's other vouchers of the batch as large checkbox rows; ticking one re-prices the order on the server. */
function StackChoices({
  offered,
  picked,
  used,
  disabled,
  onToggle,
}: {
  offered: Offered[];
  picked: string[];
  used: string[];
  disabled: boolean;
  onToggle: (id: string) => void;
}) {
  return (
    <View className='gh-stack'>
      <View className='gh-stack__title'>该会员还有 {offered.length} 张同批次的券，可叠加使用</View>
      <View className='gh-stack__hint'>请按顾客意愿勾选；优惠金额以系统重新计算为准</View>
      {offered.map((o) => {
        const on = picked.includes(o.id);
        return (
          <View
            key={o.id}
            className={`gh-check gh-stack__row ${on ? 'gh-check--on' : ''} ${disabled ? 'gh-check--disabled' : ''}`}
            onClick={() => !disabled && onToggle(o.id)}
          >
            <View className='gh-check__box'>{on ? '✓' : ''}</View>
            <View className='gh-check__text'>
              <View className='gh-check__title gh-stack__label'>
                叠加使用 {formatFen(o.faceValueFen)} 券，有效期至{formatShanghai(o.expiresAt)}
              </View>
              {on && !used.includes(o.id) ? <View className='gh-check__desc gh-stack__unused'>订单金额不够，本单用不上这张</View> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}

function ResultFacts({ result }: { result: RedemptionResult }) {
  return (
    <View className='gh-facts gh-redeem__facts'>
      <View className='gh-facts__row'>
        <Text className='gh-facts__label'>会员</Text>
        <Text className='gh-facts__value gh-redeem__member'>{result.memberNameMasked}</Text>
      </View>
      <View className='gh-facts__row'>
        <Text className='gh-facts__label'>工惠券</Text>
        <Text className='gh-facts__value'>
          {result.batchTitle}
          {result.vouchers.length > 1 ? ` × ${result.vouchers.length}张` : ''}
        </Text>
      </View>
      <View className='gh-facts__row'>
        <Text className='gh-facts__label'>订单金额</Text>
        <Text className='gh-facts__value'>{formatFen(result.orderAmountFen)}</Text>
      </View>
      <View className='gh-facts__row gh-redeem__discount-row'>
        <Text className='gh-facts__label'>工惠券优惠</Text>
        <Text className='gh-facts__value gh-amount gh-redeem__discount'>{formatFen(result.discountFen)}</Text>
      </View>
      <View className='gh-facts__row gh-redeem__payable-row'>
        <Text className='gh-facts__label'>顾客实付</Text>
        <Text className='gh-facts__value gh-redeem__payable'>{formatFen(result.payableFen)}</Text>
      </View>
    </View>
  );
}

function TodayList({ today, onRetry }: { today: { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: Today }; onRetry: () => void }) {
  return (
    <View className='gh-card gh-today'>
      <View className='gh-today__head'>
        <View className='gh-section-title'>今日核销</View>
        {today.status === 'ready' ? (
          <View className='gh-today__total'>
            共 {today.data.data.length} 笔 · 优惠合计 <Text className='gh-amount'>{formatFen(today.data.totalDiscountFen)}</Text>
          </View>
        ) : null}
      </View>
      {today.status === 'loading' ? <LoadingView /> : null}
      {today.status === 'error' ? <ErrorView error={today.error} onRetry={onRetry} /> : null}
      {today.status === 'ready' && today.data.data.length === 0 ? (
        <EmptyView title='今天还没有核销记录' hint='顾客出示工惠券券码后，在上方输入券码和订单金额即可核销。' />
      ) : null}
      {today.status === 'ready' && today.data.data.length > 0 ? (
        <View className='gh-today__list'>
          <View className='gh-today__row gh-today__row--head'>
            <Text className='gh-today__cell'>时间</Text>
            <Text className='gh-today__cell'>会员</Text>
            <Text className='gh-today__cell gh-today__cell--title'>工惠券</Text>
            <Text className='gh-today__cell gh-today__cell--num'>订单金额</Text>
            <Text className='gh-today__cell gh-today__cell--num'>优惠</Text>
          </View>
          {today.data.data.map((r) => (
            <View key={r.id} className='gh-today__row'>
              <Text className='gh-today__cell gh-today__time'>{shanghaiClock(r.at)}</Text>
              <Text className='gh-today__cell gh-today__member'>{r.memberNameMasked}</Text>
              <Text className='gh-today__cell gh-today__cell--title'>
                {r.batchTitle}
                {r.voucherCount > 1 ? ` ×${r.voucherCount}` : ''}
              </Text>
              <Text className='gh-today__cell gh-today__cell--num'>{formatFen(r.orderAmountFen)}</Text>
              <Text className='gh-today__cell gh-today__cell--num gh-amount'>-{formatFen(r.discountFen)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default function MerchantPage() {
  const signedIn = useRequireLogin(MERCHANT_PAGE);
  const me = useAppStore((s) => s.me);
  const logout = useAppStore((s) => s.logout);
  const merchant = me?.merchant ?? null;

  const [codeText, setCodeText] = useState('');
  const [amountText, setAmountText] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  /** A tick changed which vouchers to use: the server is pricing the order again. */
  const [repricing, setRepricing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [today, setToday] = useState<{ status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: Today }>({ status: 'loading' });
  const shownBefore = useRef(false);

  const loadToday = useCallback(async (quiet: boolean) => {
    if (!quiet) setToday({ status: 'loading' });
    try {
      const data = await call(api.merchantRedemptions, { toast: false });
      setToday({ status: 'ready', data });
    } catch (err) {
      setToday((s) => (quiet && s.status === 'ready' ? s : { status: 'error', error: err }));
    }
  }, []);

  useEffect(() => {
    if (signedIn && merchant) void loadToday(false);
  }, [signedIn, merchant, loadToday]);

  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true;
      return;
    }
    if (useAppStore.getState().me?.merchant) void loadToday(true);
  });

  // Any change to what was typed invalidates a preview: the next confirm is a new order.
  const editCode = (v: string) => {
    setCodeText(v.replace(/[^\d\s]/g, '').slice(0, 13));
    setError(null);
    if (step.kind === 'preview') setStep({ kind: 'form' });
  };
  const editAmount = (v: string) => {
    setAmountText(v.replace(/[^\d.]/g, '').slice(0, 12));
    setError(null);
    if (step.kind === 'preview') setStep({ kind: 'form' });
  };

  // weapp: the mini-program's scanner; H5: the camera layer (rendered at the end of the page).
  const { scan: scanQr, layer: scanLayer } = useQrScan();
  useNumericKeypad('.gh-redeem__code');
  const scan = async () => {
    const text = await scanQr();
    if (text === null) return; // cancelled
    const c = normalizeCode(text);
    if (!c) {
      toast('这不是工惠券券码');
      return;
    }
    // weapp's field is type='number' (no spaces); H5 shows the code grouped as read out.
    editCode(IS_WEAPP ? c : groupCode(c));
  };

  const preview = async () => {
    const code = normalizeCode(codeText);
    if (!code) {
      setError('请输入10位数字券码');
      return;
    }
    const orderAmountFen = parseYuan(amountText);
    if (orderAmountFen === null || orderAmountFen < 1) {
      setError('请输入订单金额，例如 1280 或 1280.50');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The presented voucher alone; the cashier may add the member's other vouchers of the batch next.
      const body: RedemptionBody = { code, orderAmountFen };
      const result = await call(api.previewRedemption, { body, toast: false });
      const presentedId = result.vouchers[0]?.id ?? '';
      setStep({ kind: 'preview', body, result, key: newIdempotencyKey(), retry: false, presentedId, offered: result.stackable, picked: [] });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  /** Adds or removes one of the member's other vouchers: the discount shown is always the server's answer for the new set. */
  const togglePick = async (id: string) => {
    if (step.kind !== 'preview' || busy || step.retry) return;
    const picked = step.picked.includes(id) ? step.picked.filter((x) => x !== id) : [...step.picked, id];
    const body: RedemptionBody = { code: step.body.code, orderAmountFen: step.body.orderAmountFen };
    if (picked.length) body.voucherIds = [step.presentedId, ...picked];
    setBusy(true);
    setRepricing(true);
    setError(null);
    try {
      const result = await call(api.previewRedemption, { body, toast: false });
      // Still offered: what is picked, and what the server still lists (one used meanwhile drops out).
      const offered = [...step.offered.filter((o) => picked.includes(o.id) || result.stackable.some((s) => s.id === o.id))];
      for (const s of result.stackable) if (!offered.some((o) => o.id === s.id)) offered.push(s);
      // A different set of vouchers is a different order: a new key for its confirm.
      setStep({ ...step, body, result, picked, offered, key: newIdempotencyKey() });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      setRepricing(false);
    }
  };

  const confirm = async () => {
    if (step.kind !== 'preview') return;
    setBusy(true);
    setError(null);
    try {
      // The same key on a retry: if the first attempt went through, the server answers it again and redeems nothing twice.
      const result = await call(api.redeem, { body: step.body, idempotencyKey: step.key, toast: false });
      setStep({ kind: 'done', result });
      toast('核销成功', 'success');
      void loadToday(true);
    } catch (err) {
      if (isApiError(err) && err.status === 0) {
        setStep({ ...step, retry: true });
        setError(`${errorText(err)}。请点“重试确认核销”，不会重复扣券。`);
      } else {
        setStep({ kind: 'form' });
        setError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    setCodeText('');
    setAmountText('');
    setError(null);
    setStep({ kind: 'form' });
  };

  const signOut = async () => {
    await logout();
    void Taro.reLaunch({ url: LOGIN_PAGE });
  };

  if (me && !merchant) {
    return (
      <PageShell className='gh-merchant'>
        <HeaderBand title='商户核销' />
        <View className='gh-card gh-card--overlap'>
          <EmptyView title='您不是合作商户的店员' hint='商户店员账号由工会在“合作商户”中添加，请联系所在工会。' />
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className='gh-merchant'>
      <HeaderBand title={merchant?.merchantName ?? '商户核销'} subtitle='工惠券核销：输入或扫描会员出示的券码' />

      <View className='gh-card gh-card--overlap gh-redeem'>
        {step.kind !== 'done' ? (
          <View className='gh-redeem__form'>
            <Button type='primary' size='large' block className='gh-redeem__scan' onClick={() => void scan()}>
              扫码核销
            </Button>
            <View className='gh-field'>
              <View className='gh-field__label'>券码</View>
              <Input
                className='gh-field__input gh-redeem__code'
                type={IS_WEAPP ? 'number' : 'text'}
                placeholder='或输入10位券码'
                value={codeText}
                maxLength={IS_WEAPP ? 10 : 13}
                onChange={editCode}
              />
            </View>
            <View className='gh-field'>
              <View className='gh-field__label'>订单金额</View>
              <Input
                className='gh-field__input gh-redeem__amount'
                type='digit'
                placeholder='顾客本单消费金额'
                value={amountText}
                maxLength={12}
                onChange={editAmount}
              />
              <Text className='gh-redeem__unit'>元</Text>
            </View>
            {error && step.kind === 'form' ? <View className='gh-redeem__error'>{error}</View> : null}
            {step.kind === 'form' ? (
              <Button type='primary' size='large' block loading={busy} className='gh-redeem__preview' onClick={() => void preview()}>
                预览优惠
              </Button>
            ) : null}
          </View>
        ) : null}

        {step.kind === 'preview' ? (
          <View className='gh-redeem__result'>
            <View className='gh-redeem__result-title'>请核对后确认</View>
            <View className={repricing ? 'gh-redeem__pricing gh-redeem__pricing--busy' : 'gh-redeem__pricing'}>
              <ResultFacts result={step.result} />
              {repricing ? <View className='gh-redeem__repricing'>正在重新计算优惠…</View> : null}
            </View>
            {step.offered.length > 0 ? (
              <StackChoices
                offered={step.offered}
                picked={step.picked}
                used={step.result.vouchers.map((v) => v.id)}
                disabled={busy || step.retry}
                onToggle={(id) => void togglePick(id)}
              />
            ) : null}
            {error ? <View className='gh-redeem__error gh-redeem__error--preview'>{error}</View> : null}
            <View className='gh-redeem__actions'>
              <Button fill='outline' size='large' className='gh-redeem__cancel' disabled={busy} onClick={() => setStep({ kind: 'form' })}>
                重新输入
              </Button>
              <Button type='primary' size='large' loading={busy && !repricing} disabled={busy} className='gh-redeem__confirm' onClick={() => void confirm()}>
                {step.retry ? '重试确认核销' : '确认核销'}
              </Button>
            </View>
          </View>
        ) : null}

        {step.kind === 'done' ? (
          <View className='gh-redeem__done'>
            <View className='gh-redeem__done-mark'>核销成功</View>
            <View className='gh-redeem__done-sub'>
              请向顾客收取 <Text className='gh-amount'>{formatFen(step.result.payableFen)}</Text>
            </View>
            <ResultFacts result={step.result} />
            <Button type='primary' size='large' block className='gh-redeem__next' onClick={next}>
              核销下一单
            </Button>
          </View>
        ) : null}
      </View>

      <TodayList today={today} onRetry={() => void loadToday(false)} />

      {scanLayer}
      <View className='gh-card gh-merchant__settings'>
        <CareModeSetting className='gh-merchant__care' />
      </View>
      {isMerchantOnly(me) ? (
        <View className='gh-button-row'>
          <Button size='large' block className='gh-logout' onClick={() => void signOut()}>
            退出登录
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
