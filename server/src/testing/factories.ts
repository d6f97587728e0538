/* Test data through the API, as staff would make it. */
import { randomUUID } from 'node:crypto';
import type { VoucherBatchInput } from '@gonghui/shared';
import { unionIdByName, type Json, type TestApp } from './harness';

export const CITY = '湖州市总工会';
export const WUXING = '吴兴区总工会';
export const NANXUN = '南浔区总工会';

export async function makeBatch(app: TestApp, staffToken: string, overrides: Partial<VoucherBatchInput> & { unionName?: string } = {}): Promise<any> {
  const { unionName, ...rest } = overrides;
  const body: VoucherBatchInput = {
    title: '家电以旧换新 满1000减100',
    description: '全市合作家电门店可用',
    kind: 'threshold',
    thresholdFen: 100_000,
    faceValueFen: 10_000,
    stackable: true,
    stockTotal: 50,
    perMemberLimit: 1,
    audience: { unionId: await unionIdByName(app, unionName ?? CITY), tags: [] },
    merchantIds: [],
    schedule: { type: 'benefitDay', month: '2026-12', startTime: '10:00' },
    validity: { type: 'days', days: 30 },
    ...rest,
  };
  const r = await app.post('/api/admin/voucher-batches', body, staffToken);
  if (r.status !== 201) throw new Error(`create batch: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function publishedBatch(app: TestApp, staffToken: string, overrides: Parameters<typeof makeBatch>[2] = {}): Promise<any> {
  const b = await makeBatch(app, staffToken, overrides);
  const p = await app.post(`/api/admin/voucher-batches/${b.id}/publish`, undefined, staffToken);
  if (p.status !== 200) throw new Error(`publish: ${p.status} ${JSON.stringify(p.body)}`);
  return p.body;
}

export function claim(app: TestApp, token: string, batchId: string, key: string = randomUUID()): Promise<Json> {
  return app.post(`/api/voucher-batches/${batchId}/claims`, undefined, token, { 'idempotency-key': key });
}

export function redeem(app: TestApp, merchantToken: string, body: { code: string; orderAmountFen: number; voucherIds?: string[] }, key: string = randomUUID()): Promise<Json> {
  return app.post('/api/merchant/redemptions', body, merchantToken, { 'idempotency-key': key });
}

export const memberPhone = (i: number) => `138${String(i).padStart(8, '0')}`;
