/* The 聆听 dashboard over the caller's subtree: 诉求搜集—数据分析—服务迭代. */
import { and, gte } from 'drizzle-orm';
import { addMonths, FIRST_REPLY_TARGET_MS, fromShanghai, median, parsePeriod, periodOf, type FeedbackCategory, type FeedbackDashboard } from '@gonghui/shared';
import { schema } from '../../db/index';
import { feedbackVisibleSql } from '../../policies/feedback';
import type { Scope } from '../../scope/scope';

const { feedbackRequests: f } = schema;

/**
 * Requests by category and month (Shanghai months), the median first-reply time, and the share
 * answered within 24 hours of those whose 24 hours are up (answered or not).
 */
export async function feedbackDashboard(scope: Scope, { months }: { months: number }): Promise<FeedbackDashboard> {
  const last = periodOf(scope.now);
  const first = addMonths(last, -(months - 1));
  const { year, month } = parsePeriod(first);
  const rows = await scope.db
    .select({ category: f.category, status: f.status, createdAt: f.createdAt, firstRepliedAt: f.firstRepliedAt, dueAt: f.dueAt })
    .from(f)
    .where(and(feedbackVisibleSql(scope.auth), gte(f.createdAt, fromShanghai(year, month, 1))));
  const periods = Array.from({ length: months }, (_, i) => addMonths(first, i));
  const counts = new Map<string, number>();
  const replyMinutes: number[] = [];
  let due = 0;
  let inTime = 0;
  let pending = 0;
  let overdue = 0;
  for (const r of rows) {
    const key = `${periodOf(r.createdAt)}|${r.category}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const deadline = r.createdAt.getTime() + FIRST_REPLY_TARGET_MS;
    if (r.firstRepliedAt) {
      const ms = r.firstRepliedAt.getTime() - r.createdAt.getTime();
      replyMinutes.push(Math.round(ms / 60_000));
      due++;
      if (ms <= FIRST_REPLY_TARGET_MS) inTime++;
    } else if (deadline <= scope.now.getTime()) due++;
    if (r.status === 'pending') {
      pending++;
      if (deadline <= scope.now.getTime()) overdue++;
    }
  }
  const byCategoryMonth = [...counts.entries()]
    .map(([k, count]) => {
      const [m, category] = k.split('|') as [string, FeedbackCategory];
      return { month: m, category, count };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category));
  return { months: periods, byCategoryMonth, total: rows.length, pending, overdue, medianFirstReplyMinutes: median(replyMinutes), answeredWithin24hShare: due ? inTime / due : null };
}
