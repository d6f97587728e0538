import { describe, expect, it } from 'vitest';
import {
  adoptionDueAt,
  contactAllowed,
  contactDetailsIn,
  conversationOpen,
  identifyingFacts,
  maskWisherName,
  nextWishStatus,
  WISH_ACTIONS,
  WISH_STATUSES,
  WISH_TRANSITIONS,
  wishExpiresAt,
  wishOverdue,
} from './wishes';

describe('the wish transition table', () => {
  it('follows the seed’s path: a member asks, the union vouches, a donor adopts and delivers, the member receives and thanks', () => {
    const path = ['submit', 'approve', 'adopt', 'deliver', 'confirm_handover', 'confirm_receipt', 'thank'] as const;
    let s: (typeof WISH_STATUSES)[number] = 'draft';
    for (const a of path) s = nextWishStatus(a, s)!;
    expect(s).toBe('thanked');
  });
  it('sends a released adoption back to published', () => {
    expect(nextWishStatus('release', 'adopted')).toBe('published');
  });
  it('lets a wisher withdraw before adoption, never after', () => {
    expect(nextWishStatus('withdraw', 'published')).toBe('withdrawn');
    expect(nextWishStatus('withdraw', 'adopted')).toBeNull();
  });
  it('allows exactly the pairs the table lists', () => {
    let allowed = 0;
    for (const a of WISH_ACTIONS) for (const s of WISH_STATUSES) if (nextWishStatus(a, s)) allowed++;
    expect(allowed).toBe(Object.values(WISH_TRANSITIONS).reduce((n, t) => n + t.from.length, 0));
  });
  it('never leaves a final state', () => {
    for (const s of ['thanked', 'rejected', 'withdrawn', 'expired'] as const) for (const a of WISH_ACTIONS) expect(nextWishStatus(a, s)).toBeNull();
  });
});

describe('masking and identifying facts', () => {
  it('shows only the first character and two stars whatever the length', () => {
    expect(maskWisherName('王芳')).toBe('王**');
    expect(maskWisherName('欧阳小明')).toBe('欧**');
  });
  const facts = { name: '王秀英', phone: '13800000123', idNumber: '33050219800101123X', employer: '湖州南浔家居制造有限公司', smallUnionName: '南浔木业家居产业联合工会' };
  it('finds the name, the given name, a spaced phone, the ID number, the employer and a small union', () => {
    expect(identifyingFacts('我叫王秀英', facts)).toEqual(['name']);
    expect(identifyingFacts('秀英想要一件冬衣', facts)).toEqual(['name']);
    expect(identifyingFacts('电话 138-0000-0123', facts)).toEqual(['phone']);
    expect(identifyingFacts('身份证33050219800101123x', facts)).toEqual(['idNumber']);
    expect(identifyingFacts('在湖州南浔家居制造有限公司上班', facts)).toEqual(['employer']);
    expect(identifyingFacts('南浔木业家居产业联合工会会员', facts)).toEqual(['union']);
  });
  it('passes a text that says none of it', () => {
    expect(identifyingFacts('孩子上小学三年级，想要一套学习用品', facts)).toEqual([]);
    expect(identifyingFacts('在南浔上班', { ...facts, smallUnionName: null })).toEqual([]);
  });
});

describe('deadlines', () => {
  it('gives a donor fourteen days', () => {
    expect(adoptionDueAt(new Date('2026-12-01T02:00:00Z')).toISOString()).toBe('2026-12-15T02:00:00.000Z');
  });
  it('lets a wish wait until the end of its Shanghai day', () => {
    expect(wishExpiresAt('2026-12-24').toISOString()).toBe('2026-12-24T16:00:00.000Z');
  });
  it('calls an adoption past its deadline overdue, and an unfulfilled wish past its date', () => {
    const now = new Date('2026-12-20T00:00:00Z');
    expect(wishOverdue('adopted', '2027-01-31', new Date('2026-12-19T00:00:00Z'), now)).toBe(true);
    expect(wishOverdue('adopted', '2027-01-31', new Date('2026-12-21T00:00:00Z'), now)).toBe(false);
    expect(wishOverdue('published', '2026-12-19', null, now)).toBe(true);
    expect(wishOverdue('thanked', '2026-12-19', null, now)).toBe(false);
  });
});

describe('relayed messages', () => {
  it('finds phone numbers however they are written, and ID numbers', () => {
    expect(contactDetailsIn('我的电话 138 0013 8000，到了打给我')).toEqual(['phone']);
    expect(contactDetailsIn('１３８００１３８０００')).toEqual(['phone']);
    expect(contactDetailsIn('座机0572-2345678')).toEqual(['phone']);
    expect(contactDetailsIn('身份证 33050119900101123X')).toEqual(['idNumber']);
  });
  it('finds WeChat and QQ accounts', () => {
    expect(contactDetailsIn('加我微信：wang_xiao88')).toEqual(['account']);
    expect(contactDetailsIn('vx abc12345')).toEqual(['account']);
    expect(contactDetailsIn('QQ号 12345678')).toEqual(['account']);
  });
  it('lets ordinary words and small numbers through', () => {
    expect(contactDetailsIn('书包已经送到工会服务站了，12月5日下午3点可以去取，一共2件')).toEqual([]);
    expect(contactDetailsIn('谢谢您，孩子很喜欢这个书包！')).toEqual([]);
    expect(contactDetailsIn('微信里说吧')).toEqual([]);
  });
  it('opens only when both agreed, while the adoption lives and before the thanks', () => {
    expect(conversationOpen('active', 'adopted', true, true)).toBe(true);
    expect(conversationOpen('delivered', 'handed_over', true, true)).toBe(true);
    expect(conversationOpen('completed', 'received', true, true)).toBe(true);
    expect(conversationOpen('active', 'adopted', true, false)).toBe(false);
    expect(conversationOpen('active', 'adopted', false, true)).toBe(false);
    expect(conversationOpen('released', 'published', true, true)).toBe(false);
    expect(conversationOpen('completed', 'thanked', true, true)).toBe(false);
    expect(contactAllowed('completed', 'thanked')).toBe(false);
    expect(contactAllowed('released', 'adopted')).toBe(false);
    expect(contactAllowed('active', 'adopted')).toBe(true);
  });
});
