/* 爱心认捐: donors sponsoring packs of a campaign's offer (pure rules, no I/O). */
import { campaignPhase } from './campaigns';

export const PLEDGE_FORMS = ['money', 'goods'] as const;
export type PledgeForm = (typeof PLEDGE_FORMS)[number];
export const pledgeFormLabels: Record<PledgeForm, string> = { money: '捐款（由工会采购）', goods: '捐物（按礼包标准送到工会）' };

export const PLEDGE_STATUSES = ['pledged', 'received', 'declined', 'withdrawn'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export const pledgeStatusLabels: Record<PledgeStatus, string> = { pledged: '待工会确认', received: '工会已收到', declined: '工会已婉拒', withdrawn: '已撤回' };

/** Packs one pledge may cover. */
export const PLEDGE_MAX_PACKS = 10_000;

/** What a pledge is worth: packs × the offer's value per pack, in fen. */
export function pledgeAmountFen(packs: number, valueFen: number): number {
  return packs * valueFen;
}

/** Donors may pledge to an offer while its campaign has not ended (before it starts, too: packs are bought ahead). */
export function pledgeOpen(campaign: { startsOn: string; endsOn: string }, now: Date): boolean {
  return campaignPhase(campaign, now) !== 'ended';
}

/** A pledge is decided once: staff confirm receipt or decline; the donor may withdraw until then. */
export function pledgeDecidable(status: PledgeStatus): boolean {
  return status === 'pledged';
}
