import { describe, expect, it } from 'vitest';
import type { AppError } from '@gonghui/shared';
import { decideClaims, type ClaimInput, type ClaimState, type Decision } from './claim-writer';
import type { BatchRow } from './presenters';

const OPEN = new Date('2026-12-20T02:00:00Z');
const BEFORE = new Date('2026-12-20T01:59:59Z');

function batch(over: Partial<BatchRow> = {}): BatchRow {
  return {
    id: 'b1',
    unionId: 'u1',
    unionPath: '/c/d1/',
    createdBy: 'staff',
    title: '测试券',
    description: '',
    kind: 'direct',
    thresholdFen: null,
    faceValueFen: 1000,
    stackable: false,
    stockTotal: 3,
    stockClaimed: 0,
    perMemberLimit: 2,
    audienceTags: [],
    merchantIds: [],
    schedule: { type: 'benefitDay', month: '2026-12', startTime: '10:00' },
    validity: { type: 'days', days: 30 },
    period: '2026-12',
    purpose: 'voucher',
    startsAt: new Date('2026-12-20T02:00:00Z'),
    endsAt: new Date('2026-12-20T15:59:59Z'),
    status: 'published',
    createdAt: new Date('2026-12-01T00:00:00Z'),
    publishedAt: new Date('2026-12-01T00:00:00Z'),
    closedAt: null,
    ...over,
  } as unknown as BatchRow;
}

function state(b: BatchRow, held: Record<string, number[]> = {}): ClaimState {
  const members = new Map(
    ['m1', 'm2', 'm3', 'm4'].map((id) => [id, { id, status: 'active', tags: [], unionPath: '/c/d1/g1/' }]),
  );
  members.set('far', { id: 'far', status: 'active', tags: [], unionPath: '/c/d2/g9/' });
  members.set('gone', { id: 'gone', status: 'suspended', tags: [], unionPath: '/c/d1/g1/' });
  return { batches: new Map([[b.id, b]]), members, held: new Map(Object.entries(held).map(([k, v]) => [k, new Set(v)])) };
}

const claimOf = (memberId: string, now = OPEN, batchId = 'b1'): ClaimInput => ({ batchId, memberId, now });
const codes = (ds: Decision[]) => ds.map((d) => ('refusal' in d ? (d.refusal as AppError).code : d.ordinal));

describe('deciding a group of claims', () => {
  it('gives each claim the lowest free ordinal and stops at the stock across the group', () => {
    const ds = decideClaims(state(batch()), [claimOf('m1'), claimOf('m1'), claimOf('m2'), claimOf('m3')]);
    expect(codes(ds)).toEqual([1, 2, 1, 'VOUCHER_SOLD_OUT']);
  });

  it('stops a member at the limit inside one group, counting what they already hold', () => {
    const ds = decideClaims(state(batch({ stockTotal: 100 }), { 'm1:b1': [2] }), [claimOf('m1'), claimOf('m1'), claimOf('m2')]);
    // ordinal 1 is free (a voucher given back left a gap), then the limit of 2 is reached
    expect(codes(ds)).toEqual([1, 'VOUCHER_LIMIT_REACHED', 1]);
  });

  it('counts the stock already claimed before the group', () => {
    expect(codes(decideClaims(state(batch({ stockClaimed: 2 })), [claimOf('m1'), claimOf('m2')]))).toEqual([1, 'VOUCHER_SOLD_OUT']);
  });

  it('refuses in the order the single claim did: batch, member, audience, window, stock, limit', () => {
    const s = state(batch({ stockClaimed: 3 }), { 'm4:b1': [1, 2] });
    const ds = decideClaims(s, [claimOf('m1', OPEN, 'nope'), claimOf('ghost'), claimOf('gone'), claimOf('far'), claimOf('m1', BEFORE), claimOf('m4')]);
    expect(codes(ds)).toEqual(['VOUCHER_BATCH_NOT_FOUND', 'NOT_A_MEMBER', 'MEMBER_NOT_ACTIVE', 'VOUCHER_NOT_ELIGIBLE', 'VOUCHER_NOT_OPEN', 'VOUCHER_SOLD_OUT']);
  });

  it('answers a draft as not found and a closed batch as not open', () => {
    expect(codes(decideClaims(state(batch({ status: 'draft' })), [claimOf('m1')]))).toEqual(['VOUCHER_BATCH_NOT_FOUND']);
    expect(codes(decideClaims(state(batch({ status: 'closed' })), [claimOf('m1')]))).toEqual(['VOUCHER_NOT_OPEN']);
  });

  it('answers a 送春联 offer’s stock as not found to a voucher claim, and a voucher batch to a couplet grab', () => {
    expect(codes(decideClaims(state(batch({ purpose: 'couplets' })), [claimOf('m1')]))).toEqual(['VOUCHER_BATCH_NOT_FOUND']);
    expect(codes(decideClaims(state(batch()), [{ ...claimOf('m1'), purpose: 'couplets' }]))).toEqual(['VOUCHER_BATCH_NOT_FOUND']);
    expect(decideClaims(state(batch({ purpose: 'couplets' })), [{ ...claimOf('m1'), purpose: 'couplets' }])).toEqual([{ ordinal: 1 }]);
  });
});
