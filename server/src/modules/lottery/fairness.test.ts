/* The draw of shared/src/rules/lottery.ts, checked against node:crypto (shared itself has no Node types). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawLottery, seedCommitment, sha256Hex, ticketRank } from '@gonghui/shared';
import { prng } from '../../seed/names';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches node:crypto on the empty string, ASCII, Chinese text and lengths around the block edges', () => {
    const inputs = ['', 'abc', '湖州市总工会 摇号', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(63), 'd'.repeat(64), 'e'.repeat(1000), '😀:12345678'];
    for (const s of inputs) expect(sha256Hex(s)).toBe(nodeSha(s));
  });
});

const WINDOW_S = 10 * 3600; // registration 00:00–10:00
const REGISTRANTS = 10_000;
const PRIZES = 1_000;
/** Seconds before the draw that bound each bucket: the last minute, 2–3 min, … up to the whole window. */
const BUCKET_EDGES_S = [60, 180, 300, 600, 1200, 1800, 3600, 7200, WINDOW_S];

/**
 * 10,000 registrants, most in the last minutes: 85 % register a time before the draw that is
 * exponential with a five-minute mean, the rest anywhere in the window (about 55 % in the last
 * five minutes, one in eight in the first eight hours). Tickets are given
 * in registration order (the first to register holds 10000000), the case where any leak of
 * order into the ranking would show at once.
 */
function skewedRegistrants() {
  const rand = prng(20261220);
  const secondsBefore = Array.from({ length: REGISTRANTS }, () => (rand() < 0.85 ? Math.min(WINDOW_S - 1, -300 * Math.log(1 - rand())) : rand() * WINDOW_S));
  secondsBefore.sort((a, b) => b - a);
  return secondsBefore.map((s, i) => ({ ticket: String(10_000_000 + i), secondsBefore: s }));
}

const bucketOf = (secondsBefore: number) => BUCKET_EDGES_S.findIndex((edge) => secondsBefore < edge);

/** Pearson's chi-square of the winners per bucket against the share of registrants per bucket. */
function chiSquare(registrants: { ticket: string; secondsBefore: number }[], winners: readonly string[]): number {
  const k = BUCKET_EDGES_S.length;
  const all = new Array<number>(k).fill(0);
  const won = new Array<number>(k).fill(0);
  const bucket = new Map(registrants.map((r) => [r.ticket, bucketOf(r.secondsBefore)]));
  for (const r of registrants) all[bucketOf(r.secondsBefore)]!++;
  for (const w of winners) won[bucket.get(w)!]!++;
  return all.reduce((sum, n, i) => {
    const expected = (n * winners.length) / registrants.length;
    return sum + (won[i]! - expected) ** 2 / expected;
  }, 0);
}

/** The 0.999 quantile of chi-square with 8 degrees of freedom (9 buckets). */
const CRITICAL_DF8_P001 = 26.12;
/**
 * The seeds: the first ten of a fixed derivation (SHA-256 of "gonghui-lottery-fairness-0" … "-9"),
 * written before the test was first run and never changed to make it pass. A fair draw fails one
 * seed with probability 0.001, so the ten pass together with probability ≈ 0.99; the pooled
 * 10,000 winners are tested as well.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => nodeSha(`gonghui-lottery-fairness-${i}`));

describe('drawing the lottery', () => {
  const registrants = skewedRegistrants();
  const tickets = registrants.map((r) => r.ticket);

  it('builds the skew it claims: most register in the last minutes, every bucket large enough for chi-square', () => {
    const lastFive = registrants.filter((r) => r.secondsBefore < 300).length;
    expect(lastFive / REGISTRANTS).toBeGreaterThan(0.5);
    const counts = BUCKET_EDGES_S.map((_, i) => registrants.filter((r) => bucketOf(r.secondsBefore) === i).length);
    // expected winners per bucket = count / 10 ≥ 5
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(50);
  });

  it('picks 1,000 distinct winners among 10,000 with no regard to when they registered (chi-square over time buckets, 10 fixed seeds)', () => {
    const pooled: string[] = [];
    for (const seed of SEEDS) {
      const winners = drawLottery(seed, tickets, PRIZES);
      expect(new Set(winners).size).toBe(PRIZES);
      expect(chiSquare(registrants, winners)).toBeLessThan(CRITICAL_DF8_P001);
      pooled.push(...winners);
    }
    // pooled over the seeds: 10,000 draws, still no lean towards early or late registrants
    const repeated = SEEDS.flatMap(() => registrants);
    expect(chiSquare(repeated, pooled)).toBeLessThan(CRITICAL_DF8_P001);
  });

  it('would catch a draw that favours registration order (the test can fail)', () => {
    const firstCome = tickets.slice(0, PRIZES);
    const lastMinute = tickets.slice(-PRIZES);
    expect(chiSquare(registrants, firstCome)).toBeGreaterThan(CRITICAL_DF8_P001);
    expect(chiSquare(registrants, lastMinute)).toBeGreaterThan(CRITICAL_DF8_P001);
  });

  it('depends on the seed and the set of tickets only, never on their order', () => {
    const seed = SEEDS[0]!;
    const shuffled = [...tickets].reverse();
    expect(drawLottery(seed, shuffled, PRIZES)).toEqual(drawLottery(seed, tickets, PRIZES));
    expect(drawLottery(SEEDS[1]!, tickets, PRIZES)).not.toEqual(drawLottery(seed, tickets, PRIZES));
  });

  it('ranks by SHA-256(seed + ":" + ticket), so anyone can recompute it with sha256sum', () => {
    const seed = SEEDS[0]!;
    const winners = drawLottery(seed, ['10000001', '10000002', '10000003'], 2);
    const byHand = ['10000001', '10000002', '10000003'].sort((a, b) => (nodeSha(`${seed}:${a}`) < nodeSha(`${seed}:${b}`) ? -1 : 1)).slice(0, 2);
    expect(winners).toEqual(byHand);
    expect(ticketRank(seed, '10000001')).toBe(nodeSha(`${seed}:10000001`));
    expect(seedCommitment(seed)).toBe(nodeSha(seed));
  });

  it('gives everyone a voucher when there are fewer registrants than prizes, and nobody when there are none', () => {
    expect(drawLottery(SEEDS[0]!, ['10000001', '10000002'], 5).sort()).toEqual(['10000001', '10000002']);
    expect(drawLottery(SEEDS[0]!, [], 5)).toEqual([]);
  });
});
