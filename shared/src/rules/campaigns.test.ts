import { describe, expect, it } from 'vitest';
import { campaignPhase, campaignProblems, offerIsFor, pickupCodeFrom, pickupDateAllowed, recipientCategory } from './campaigns';

const member = { unionPath: '/city/wuxing/equip/', active: true, tags: [] as string[], archiveCategory: null as string | null };

describe('who a warmth offer is for', () => {
  const forHardship = { unionPath: '/city/wuxing/', tags: [], archiveCategories: ['deep', 'relative'] };
  it('reaches an archived 困难职工 of a listed category in the subtree', () => {
    expect(offerIsFor(forHardship, { ...member, archiveCategory: 'deep' })).toBe(true);
  });
  it('does not reach a member of another category, or with none', () => {
    expect(offerIsFor(forHardship, { ...member, archiveCategory: 'accident' })).toBe(false);
    expect(offerIsFor(forHardship, member)).toBe(false);
  });
  it('does not reach a member outside the union subtree', () => {
    expect(offerIsFor(forHardship, { ...member, unionPath: '/city/nanxun/x/', archiveCategory: 'deep' })).toBe(false);
  });
  it('reaches a member holding any listed tag (劳模 or 新就业形态)', () => {
    const o = { unionPath: '/city/', tags: ['model_worker', 'new_form'], archiveCategories: [] };
    expect(offerIsFor(o, { ...member, tags: ['new_form'] })).toBe(true);
    expect(offerIsFor(o, { ...member, tags: ['migrant'] })).toBe(false);
  });
  it('reaches every active member when it names no group, and no suspended one', () => {
    const o = { unionPath: '/city/', tags: [], archiveCategories: [] };
    expect(offerIsFor(o, member)).toBe(true);
    expect(offerIsFor(o, { ...member, active: false })).toBe(false);
  });
});

describe('a campaign’s days (Asia/Shanghai)', () => {
  const c = { startsOn: '2026-12-15', endsOn: '2027-02-20' };
  it('runs from the first day’s Shanghai midnight to the end of the last day', () => {
    expect(campaignPhase(c, new Date('2026-12-14T15:59:59Z'))).toBe('upcoming');
    expect(campaignPhase(c, new Date('2026-12-14T16:00:00Z'))).toBe('running');
    expect(campaignPhase(c, new Date('2027-02-20T15:59:59Z'))).toBe('running');
    expect(campaignPhase(c, new Date('2027-02-20T16:00:00Z'))).toBe('ended');
  });
  it('refuses an end before the start and a campaign over 120 days', () => {
    expect(campaignProblems({ startsOn: '2026-12-15', endsOn: '2026-12-14' })).toHaveLength(1);
    expect(campaignProblems({ startsOn: '2026-10-01', endsOn: '2027-02-20' })).toHaveLength(1);
    expect(campaignProblems(c)).toEqual([]);
  });
  it('accepts a pickup date only within the pickup days', () => {
    const o = { pickupFrom: '2027-01-20', pickupTo: '2027-02-05' };
    expect(pickupDateAllowed(o, '2027-01-20')).toBe(true);
    expect(pickupDateAllowed(o, '2027-02-06')).toBe(false);
  });
  it('makes eight-digit pickup codes that never start with 0', () => {
    expect(pickupCodeFrom(() => 0)).toBe('10000000');
    expect(pickupCodeFrom(() => 0.999)).toMatch(/^9\d{7}$/);
  });
});

describe('慰问信 templates', () => {
  it('fills each recipient’s name, the union and the year into seed 001’s template one', async () => {
    const { LETTER_TEXTS, fillLetter } = await import('./letters');
    const text = fillLetter(LETTER_TEXTS.one.body, { name: '王建国', union: '吴兴区总工会', year: 2027 });
    expect(text.startsWith('王建国同志及家属：')).toBe(true);
    expect(text).toContain('2027年，吴兴区总工会');
    expect(text).not.toMatch(/\{/);
  });
  it('names placeholders it does not know', async () => {
    const { unknownPlaceholders } = await import('./letters');
    expect(unknownPlaceholders('{名字}同志：{工会}')).toEqual(['{名字}']);
  });
});

describe('recipientCategory', () => {
  it('keeps the offer’s group when the member is in it, else the group that reached them, else the offer’s', () => {
    expect(recipientCategory('C7', { tags: ['frontline'], archiveCategory: 'deep' })).toBe('C7');
    expect(recipientCategory('C7', { tags: ['model_worker'], archiveCategory: null })).toBe('C10');
    expect(recipientCategory('C1', { tags: ['model_worker'], archiveCategory: 'living' })).toBe('C11');
    expect(recipientCategory('C5', { tags: ['migrant'], archiveCategory: null })).toBe('C5');
    // the 困难职工 tag is the archive's: a 建档困难职工 (C11) even before the archive row is read
    expect(recipientCategory('C7', { tags: ['hardship'], archiveCategory: null })).toBe('C11');
    expect(recipientCategory('C11', { tags: ['hardship', 'frontline'], archiveCategory: null })).toBe('C11');
  });
});
