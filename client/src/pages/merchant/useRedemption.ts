import { useState } from 'react';
import { parseYuan, type RedemptionBody, type RedemptionResult } from '@gonghui/shared';
import { api, call, isApiError, newIdempotencyKey } from '../../api';
import { errorText } from '../../components/StatusView';
import { toast } from '../../dialogs';
import { normalizeCode } from '../../format';

export type Offered = RedemptionResult['stackable'][number];
export type Step =
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

/**
 * One order at the counter: type or scan the code and the amount, preview the discount (adding
 * the member's other vouchers of the batch if they like), confirm once. `onRedeemed` runs after a
 * redemption went through (the page reloads today's list).
 */
export function useRedemption(onRedeemed: () => void) {
  const [codeText, setCodeText] = useState('');
  const [amountText, setAmountText] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  /** A tick changed which vouchers to use: the server is pricing the order again. */
  const [repricing, setRepricing] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
      onRedeemed();
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

  /** Back to the form with what was typed, to correct it. */
  const reenter = () => setStep({ kind: 'form' });

  /** A fresh form for the next customer. */
  const next = () => {
    setCodeText('');
    setAmountText('');
    setError(null);
    setStep({ kind: 'form' });
  };

  return { codeText, amountText, step, busy, repricing, error, editCode, editAmount, preview, togglePick, confirm, reenter, next };
}

export type Redemption = ReturnType<typeof useRedemption>;
