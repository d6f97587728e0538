import { describe, expect, it } from 'vitest';
import type { VoucherBatchAdminView } from '@gonghui/shared';
import { batchInputOf, blankForm, fieldOf, formOf, previewOf, publishedPatchOf, type BatchForm } from './model';

// 09:55 Shanghai on a Benefit Day (the README's pinned morning).
const NOW = new Date('2026-12-20T01:55:00Z');
const CITY = '0b7d6f0e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const SUNING = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

/** The seed's appliance batch as a filled-in form: 家电以旧换新 满1000减100, stackable. */
function applianceForm(over: Partial<BatchForm> = {}): BatchForm {
  return { ...blankForm(NOW), title: '家电以旧换新 满1000减100', threshold: '1000', faceValue: '100', stackable: true, unionId: CITY, month: '2027-01', ...over };
}

function publishedBatch(over: Partial<VoucherBatchAdminView> = {}): VoucherBatchAdminView {
  return {
    id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    title: '家电以旧换新 满1000减100',
    description: '',
    kind: 'threshold',
    thresholdFen: 100_000,
    faceValueFen: 10_000,
    stackable: true,
    stockTotal: 500,
    stockClaimed: 120,
    perMemberLimit: 1,
    audience: { unionId: CITY, unionName: '湖州市总工会', tags: [] },
    merchantIds: [SUNING],
    schedule: { type: 'benefitDay', month: '2026-12', startTime: '10:00' },
    validity: { type: 'days', days: 30 },
    period: '2026-12',
    opensAt: '2026-12-20T02:00:00.000Z',
    closesAt: '2026-12-20T15:59:59.000Z',
    status: 'open',
    createdAt: '2026-12-01T02:00:00.000Z',
    publishedAt: '2026-12-01T03:00:00.000Z',
    abilities: { update: true, publish: true, close: true },
    mode: 'firstCome',
    drawAt: null,
    seedHash: null,
    drawnAt: null,
    ...over,
  };
}

describe('a new batch form', () => {
  it('opens on the next Benefit Day at 10:00 with 500 vouchers, one each, valid 30 days', () => {
    const f = blankForm(NOW);
    expect(f).toMatchObject({ scheduleType: 'benefitDay', month: '2026-12', startTime: '10:00', stockTotal: '500', perMemberLimit: '1', days: '30' });
  });

  it('sends 满1000减100 in fen with the audience and schedule it shows', () => {
    const r = batchInputOf(applianceForm(), NOW);
    expect(r).toEqual({
      ok: true,
      data: expect.objectContaining({
        title: '家电以旧换新 满1000减100',
        kind: 'threshold',
        thresholdFen: 100_000,
        faceValueFen: 10_000,
        stackable: true,
        stockTotal: 500,
        audience: { unionId: CITY, tags: [] },
        merchantIds: [],
        schedule: { type: 'benefitDay', month: '2027-01', startTime: '10:00' },
        validity: { type: 'days', days: 30 },
      }),
    });
  });

  it('names every missing field at once, in the schema\'s words', () => {
    const r = batchInputOf({ ...blankForm(NOW), title: '', stockTotal: '', unionId: '' }, NOW);
    expect(r.ok ? {} : r.fieldErrors).toEqual({
      title: '请填写券名称',
      faceValueFen: '请填写面额（元）',
      thresholdFen: '请填写使用门槛（元），例如满 1000 元可用',
      stockTotal: '请填写发放总量（张）',
      audience: '请选择发放工会',
    });
  });

  it('says a face value of 0 must be positive', () => {
    const r = batchInputOf(applianceForm({ faceValue: '0' }), NOW);
    expect(r.ok ? {} : r.fieldErrors).toEqual({ faceValueFen: '面额须为正数' });
  });

  it('refuses a threshold not above the face value (满100减100)', () => {
    const r = batchInputOf(applianceForm({ threshold: '100' }), NOW);
    expect(r.ok ? {} : r.fieldErrors).toEqual({ thresholdFen: '使用门槛必须高于券面额' });
  });

  it('asks for a merchant when 指定商户 is chosen with none ticked', () => {
    const r = batchInputOf(applianceForm({ merchantMode: 'some', merchantIds: [] }), NOW);
    expect(r.ok ? {} : r.fieldErrors).toEqual({ merchantIds: '请至少选择一个商户，或选择“本地区全部合作商户”' });
  });

  it('refuses this month\'s Benefit Day once it is over', () => {
    const r = batchInputOf(applianceForm({ month: '2026-11' }), NOW);
    expect(r.ok ? {} : r.fieldErrors).toEqual({ schedule: '领取时间已过' });
  });

  it('sends a custom window as Shanghai instants and days of validity up to 366', () => {
    const r = batchInputOf(applianceForm({ scheduleType: 'window', startDate: '2026-12-21', startClock: '09:00', endDate: '2026-12-27', endClock: '23:59', days: '400' }), NOW);
    expect(r.ok ? {} : r.fieldErrors).toEqual({ validity: '有效天数为1–366天' });
    const ok = batchInputOf(applianceForm({ scheduleType: 'window', startDate: '2026-12-21', startClock: '09:00', endDate: '2026-12-27', endClock: '23:59' }), NOW);
    expect(ok.ok && ok.data.schedule).toEqual({ type: 'window', startsAt: '2026-12-21T01:00:00.000Z', endsAt: '2026-12-27T15:59:00.000Z' });
  });

  it('clears the error of the body field a form value feeds', () => {
    expect(fieldOf('faceValue')).toBe('faceValueFen');
    expect(fieldOf('unionId')).toBe('audience');
    expect(fieldOf('endClock')).toBe('schedule');
    expect(fieldOf('title')).toBe('title');
  });
});

describe('a published batch', () => {
  it('fills the form from the batch, amounts in yuan', () => {
    expect(formOf(publishedBatch(), NOW)).toMatchObject({ threshold: '1000', faceValue: '100', stockTotal: '500', merchantMode: 'some', merchantIds: [SUNING], month: '2026-12' });
  });

  it('sends only what changed', () => {
    const b = publishedBatch();
    expect(publishedPatchOf({ ...formOf(b, NOW), stockTotal: '800' }, b)).toEqual({ ok: true, patch: { stockTotal: 800 } });
    expect(publishedPatchOf(formOf(b, NOW), b)).toEqual({ ok: true, patch: null });
  });

  it('refuses a stock below what members already claimed', () => {
    const b = publishedBatch();
    const r = publishedPatchOf({ ...formOf(b, NOW), stockTotal: '100' }, b);
    expect(r.ok ? {} : r.fieldErrors).toEqual({ stockTotal: '发放总量不能少于已领取数量（已领取 120 张）' });
  });

  it('refuses an empty title in the schema\'s words', () => {
    const b = publishedBatch();
    const r = publishedPatchOf({ ...formOf(b, NOW), title: ' ' }, b);
    expect(r.ok ? {} : r.fieldErrors).toEqual({ title: '请填写券名称' });
  });
});

describe('the live preview', () => {
  it('shows dashes until the amounts are filled in', () => {
    const p = previewOf({ ...blankForm(NOW), title: '' }, 0);
    expect(p).toMatchObject({ amountText: '—', conditionText: '满—元可用', title: '请填写券名称', remaining: 500, perMemberLimit: 1, validity: '领取后30天内有效' });
  });

  it('shows what is left after the claimed vouchers', () => {
    const b = publishedBatch();
    const p = previewOf({ ...formOf(b, NOW), stockTotal: '150' }, b.stockClaimed);
    expect(p).toMatchObject({ face: { kind: 'threshold', thresholdFen: 100_000, faceValueFen: 10_000, stackable: true }, remaining: 30, window: '12月20日 10:00–23:59' });
  });
});

describe('a lottery batch form', () => {
  it('sends 摇号 with the draw time, registration opening with the schedule', () => {
    const f = applianceForm({ mode: 'lottery', scheduleType: 'window', startDate: '2027-01-20', startClock: '00:00', endDate: '2027-01-20', endClock: '23:59', drawDate: '2027-01-20', drawClock: '10:00', stackable: false });
    const r = batchInputOf(f, NOW);
    expect(r).toEqual({ ok: true, data: expect.objectContaining({ mode: 'lottery', drawAt: '2027-01-20T02:00:00.000Z', perMemberLimit: 1 }) });
  });

  it('puts a draw before registration opens under 开奖时间, and sends no draw time for 先到先得', () => {
    const early = applianceForm({ mode: 'lottery', scheduleType: 'window', startDate: '2027-01-20', startClock: '10:00', endDate: '2027-01-20', endClock: '23:59', drawDate: '2027-01-20', drawClock: '09:00' });
    expect(batchInputOf(early, NOW)).toEqual({ ok: false, fieldErrors: { drawAt: '开奖时间必须晚于报名开始时间' } });
    const plain = batchInputOf(applianceForm({ drawDate: '2027-01-20' }), NOW);
    expect(plain.ok && plain.data.drawAt).toBe(null);
    expect(fieldOf('drawClock')).toBe('drawAt');
  });

  it('shows a published lottery batch’s mode and draw time in the form', () => {
    const f = formOf(publishedBatch({ mode: 'lottery', drawAt: '2026-12-20T02:00:00.000Z' }), NOW);
    expect(f).toMatchObject({ mode: 'lottery', drawDate: '2026-12-20', drawClock: '10:00' });
  });
});
