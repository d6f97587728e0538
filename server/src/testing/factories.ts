/* Test data through the API, as staff would make it; every factory returns the contract's typed view. */
import { randomUUID } from 'node:crypto';
import { api, type RedemptionBody, type ResponseOf, type VoucherBatchAdminView, type VoucherBatchInput } from '@gonghui/shared';
import type { CallResult } from './call';
import { unionIdByName, type TestApp } from './harness';

export const CITY = '湖州市总工会';
export const WUXING = '吴兴区总工会';
export const NANXUN = '南浔区总工会';

export type BatchOverrides = Partial<VoucherBatchInput> & { unionName?: string };

export async function makeBatch(app: TestApp, staffToken: string, overrides: BatchOverrides = {}): Promise<VoucherBatchAdminView> {
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
    mode: 'firstCome',
    drawAt: null,
    ...rest,
  };
  const r = await app.call(api.createBatch, { body, token: staffToken });
  if (r.status !== 201) throw new Error(`create batch: ${r.status} ${r.text}`);
  return r.body;
}

export async function publishedBatch(app: TestApp, staffToken: string, overrides: BatchOverrides = {}): Promise<VoucherBatchAdminView> {
  const b = await makeBatch(app, staffToken, overrides);
  const p = await app.call(api.publishBatch, { params: { id: b.id }, token: staffToken });
  if (p.status !== 200) throw new Error(`publish: ${p.status} ${p.text}`);
  return p.body;
}

export function claim(app: TestApp, token: string, batchId: string, key: string = randomUUID()): Promise<CallResult<typeof api.claim>> {
  return app.call(api.claim, { params: { id: batchId }, token, idempotencyKey: key });
}

export function redeem(app: TestApp, merchantToken: string, body: RedemptionBody, key: string = randomUUID()): Promise<CallResult<typeof api.redeem>> {
  return app.call(api.redeem, { body, token: merchantToken, idempotencyKey: key });
}

/** A fresh redemption code for one of the member's vouchers. */
export async function codeFor(app: TestApp, memberToken: string, voucherId: string): Promise<string> {
  const r = await app.call(api.voucherCode, { params: { id: voucherId }, token: memberToken });
  if (r.status !== 200) throw new Error(`code: ${r.status} ${r.text}`);
  return r.body.shortCode;
}

export type ClaimAnswer = ResponseOf<typeof api.claim>;

export const memberPhone = (i: number) => `138${String(i).padStart(8, '0')}`;
