import { and, count, eq } from 'drizzle-orm';
import { AppError, identifyingFacts, shanghaiDate, SMALL_UNION_MEMBERS, type WisherFacts } from '@gonghui/shared';
import { decrypt } from '../../crypto';
import { schema } from '../../db/index';
import type { WishRow } from '../../policies/wishes';
import type { ServiceDeps } from '../../scope/scope';
import type { WishScope } from './transition';

const { members, users, unions } = schema;

/** What would point at the wisher. The ID number is decrypted for this machine check only and never leaves. */
async function wisherFacts(scope: WishScope, w: WishRow, deps: Pick<ServiceDeps, 'keys'>): Promise<WisherFacts> {
  const [m] = await scope.db
    .select({ name: members.name, employer: members.employer, idNumberEnc: members.idNumberEnc, phone: users.phone, unionName: unions.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, w.memberId));
  if (!m) throw new AppError('WISH_NOT_FOUND');
  const [size] = await scope.db.select({ n: count() }).from(members).where(and(eq(members.unionId, w.unionId), eq(members.status, 'active')));
  return { name: m.name, phone: m.phone, idNumber: decrypt(deps.keys, m.idNumberEnc), employer: m.employer, smallUnionName: Number(size?.n ?? 0) < SMALL_UNION_MEMBERS ? m.unionName : null };
}

/** Refuses (422) a text meant for donors or the public that names the wisher, their phone, ID number, employer or small union. */
export async function assertAnonymous(scope: WishScope, w: WishRow, deps: Pick<ServiceDeps, 'keys'>, texts: Record<string, string>): Promise<void> {
  const facts = await wisherFacts(scope, w, deps);
  const issues = Object.entries(texts).flatMap(([path, text]) => identifyingFacts(text, facts).map((what) => ({ path: `body.${path}`, what })));
  if (issues.length) throw new AppError('WISH_TEXT_IDENTIFIES', { issues: issues.map((i) => ({ path: i.path, message: REASON[i.what] })) });
}

const REASON = { name: '含有姓名', phone: '含有手机号', idNumber: '含有身份证号', employer: '含有工作单位', union: '含有所在基层工会名称' } as const;

/** A wish must be wished for today or later (Shanghai). */
export function assertFutureDate(wishedBy: string, now: Date): void {
  if (wishedBy < shanghaiDate(now)) throw new AppError('WISH_DATE_PASSED');
}
