/* Demo activities (a season: past, running, upcoming, one full with a waitlist), 你点我送 topics and 聆听 requests in every state. */
import { sql } from 'drizzle-orm';
import { fromShanghai, replyDueAt, shanghaiParts, type ActivityCategory, type FeedbackCategory, type MemberTag } from '@gonghui/shared';
import { encrypt, type Keys } from '../crypto';
import { queryRows, schema, type Db } from '../db/index';

const { activities, activityEnrollments, activityTopics, activityTopicVotes, feedbackRequests, feedbackMessages } = schema;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Unions = Map<string, { id: string; path: string; depth: number }>;
interface Person {
  memberId: string;
  userId: string;
  unionKey: string;
  tags: MemberTag[];
}

/** Shanghai wall-clock time `days` from today at `hour`:`minute`. */
function dayAt(now: Date, days: number, hour: number, minute = 0): Date {
  const p = shanghaiParts(new Date(now.getTime() + days * DAY));
  return fromShanghai(p.year, p.month, p.day, hour, minute);
}

interface ActivitySeed {
  key: string;
  title: string;
  category: ActivityCategory;
  union: string;
  tags?: MemberTag[];
  place: string;
  description: string;
  /** Start day relative to today, start and end hours; `days` long (rest trips). */
  day: number;
  hours: [number, number];
  days?: number;
  capacity: number;
  waitlist?: boolean;
  enrolled: number;
  waitlisted?: number;
  /** How many of the enrolled came (past and running ones). */
  came?: number;
  opensInDays?: number;
}

const SEASON: ActivitySeed[] = [
  { key: 'zongzi', title: '职工阳光课堂：清明粽制作', category: 'public_class', union: 'wuxing', place: '吴兴区职工服务中心三楼', description: '“你点我送”职工阳光课堂：老师傅手把手教包清明粽，材料由工会提供，做好的粽子可以带回家。', day: -40, hours: [14, 16], capacity: 30, enrolled: 28, came: 25 },
  { key: 'haircut', title: '工“驿”剪发日', category: 'convenience', union: 'city', place: '湖州市职工服务中心一楼工驿站', description: '理发师志愿者进驿站，为一线职工、户外劳动者免费理发，随到随剪，报名可免排队。', day: -12, hours: [9, 12], capacity: 40, enrolled: 31, came: 27 },
  { key: 'talk', title: '劳模宣讲进企业：匠心筑梦', category: 'model_talk', union: 'wx-equip', place: '智能装备公司一号会议室', description: '全国劳动模范讲述从学徒到工匠的成长故事，分享焊接技术革新经验，现场答疑。', day: -5, hours: [15, 17], capacity: 60, enrolled: 22, came: 20 },
  { key: 'walk', title: '职工健步走：环太湖绿道', category: 'culture_sports', union: 'city', place: '太湖旅游度假区绿道起点', description: '全程约8公里，沿途设补给点，完成者可领取纪念品。请穿运动鞋，注意防晒补水。', day: 0, hours: [0, 23], capacity: 200, enrolled: 64, came: 41 },
  { key: 'flower', title: '职工阳光课堂：插花艺术', category: 'public_class', union: 'wuxing', place: '吴兴区职工服务中心三楼', description: '花艺老师讲解基础插花技法，每人完成一件作品带回家。花材由工会提供。', day: 9, hours: [14, 16], capacity: 25, enrolled: 11 },
  { key: 'mianmian', title: '职工阳光课堂：中式面点', category: 'public_class', union: 'wuxing', place: '吴兴区职工服务中心烹饪教室', description: '面点师傅教做包子、花卷和馒头，现场揉面发面，适合零基础职工。', day: 6, hours: [9, 11], capacity: 10, enrolled: 10, waitlisted: 4 },
  { key: 'electric', title: '电工技能培训（低压电工取证班）', category: 'skills', union: 'city', place: '湖州市职工技能培训中心', description: '为期一天的低压电工理论与实操培训，结业后可报名参加取证考试，培训费用由工会承担。', day: 14, hours: [8, 17], capacity: 50, enrolled: 17 },
  { key: 'rest', title: '劳模疗休养：莫干山五日', category: 'rest_trip', union: 'city', tags: ['model_worker'], place: '德清莫干山职工疗休养基地', description: '组织劳模先进赴莫干山疗休养，含健康体检、休养和学习交流。仅面向劳模会员。', day: 20, hours: [8, 17], days: 5, capacity: 20, enrolled: 6 },
  { key: 'haircut2', title: '工“驿”剪发日（一月）', category: 'convenience', union: 'city', place: '湖州市职工服务中心一楼工驿站', description: '每月一次的免费理发服务，面向一线职工和户外劳动者。', day: 35, hours: [9, 12], capacity: 40, enrolled: 0, opensInDays: 10 },
];

async function people(tx: Db, unions: Unions): Promise<Person[]> {
  const keyOf = new Map([...unions.entries()].map(([k, v]) => [v.id, k]));
  const rows = await queryRows<{ id: string; user_id: string; union_id: string; tags: MemberTag[] | string }>(
    tx,
    sql`select m.id, m.user_id, m.union_id, m.tags from members m join users u on u.id = m.user_id where m.status = 'active' order by u.phone`,
  );
  return rows.map((r) => ({
    memberId: r.id,
    userId: r.user_id,
    unionKey: keyOf.get(r.union_id)!,
    tags: typeof r.tags === 'string' ? (r.tags.replace(/[{}]/g, '').split(',').filter(Boolean) as MemberTag[]) : r.tags,
  }));
}

function inAudience(p: Person, unions: Unions, a: ActivitySeed): boolean {
  const pathOf = unions.get(p.unionKey)!.path;
  if (!pathOf.startsWith(unions.get(a.union)!.path)) return false;
  return !a.tags?.length || a.tags.some((t) => p.tags.includes(t));
}

async function seedSeason(tx: Db, unions: Unions, everyone: Person[], staffUserId: string, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const a of SEASON) {
    const startsAt = dayAt(now, a.day, a.hours[0]);
    const endsAt = dayAt(now, a.day + (a.days ?? 1) - 1, a.hours[1]);
    const signupStartsAt = a.opensInDays ? dayAt(now, a.opensInDays, 9) : new Date(startsAt.getTime() - 21 * DAY);
    const signupEndsAt = new Date(startsAt.getTime() - 2 * HOUR);
    const cancelDeadline = new Date(startsAt.getTime() - DAY);
    // The demo member 13800000001 sits first in `everyone`: enrolled in the 插花 class, waitlisted for 面点.
    const pool = everyone.filter((p) => inAudience(p, unions, a));
    const start = a.key === 'mianmian' ? 1 : 0;
    const chosen = pool.slice(start, start + a.enrolled + (a.waitlisted ?? 0));
    if (a.key === 'mianmian' && pool[0]) chosen.push(pool[0]);
    const enrolledCount = Math.min(a.enrolled, chosen.length);
    const [row] = await tx
      .insert(activities)
      .values({
        unionId: unions.get(a.union)!.id,
        unionPath: unions.get(a.union)!.path,
        audienceTags: a.tags ?? [],
        title: a.title,
        category: a.category,
        description: a.description,
        place: a.place,
        startsAt,
        endsAt,
        signupStartsAt,
        signupEndsAt,
        cancelDeadline,
        capacity: a.capacity,
        enrolledCount,
        waitlist: a.waitlist ?? true,
        createdBy: staffUserId,
        createdAt: new Date(signupStartsAt.getTime() - DAY),
      })
      .returning({ id: activities.id });
    ids.set(a.key, row!.id);
    const ended = endsAt.getTime() <= now.getTime();
    const rows = chosen.map((p, i) => {
      const enrolled = i < enrolledCount;
      const came = enrolled && i < (a.came ?? 0);
      return {
        activityId: row!.id,
        memberId: p.memberId,
        userId: p.userId,
        status: (enrolled ? 'enrolled' : 'waitlisted') as 'enrolled' | 'waitlisted',
        createdAt: new Date(signupStartsAt.getTime() + (i + 1) * 17 * 60_000),
        checkedInAt: came ? (ended ? new Date(startsAt.getTime() - 10 * 60_000 + i * 20_000) : new Date(Math.min(now.getTime() - 60_000, startsAt.getTime() + i * 60_000))) : null,
      };
    });
    if (rows.length) await tx.insert(activityEnrollments).values(rows);
  }
  return ids;
}

const TOPICS: [union: string, title: string, description: string, votes: number, scheduledAs?: string][] = [
  ['wuxing', '中式面点制作', '想学包子、花卷，周末给家里人做早饭', 23, 'mianmian'],
  ['wuxing', '手机摄影入门', '用手机拍出好看的照片', 17],
  ['wuxing', '颈椎腰椎保健操', '久坐久站职工的肩颈腰背放松', 14],
  ['wuxing', '插花艺术', '学一点插花，给生活添点颜色', 12, 'flower'],
  ['wuxing', '家庭急救知识', '心肺复苏、海姆立克急救法', 9],
  ['transport', '驾驶员心理减压', '开车时间长，想学学怎么调节情绪', 11],
  ['transport', '中医养生讲座', '夜班多，想了解调理作息的方法', 6],
  ['nanxun', '木工技能提升', '家具拼装与修补', 8],
];

async function seedTopics(tx: Db, unions: Unions, everyone: Person[], activityIds: Map<string, string>, now: Date): Promise<void> {
  for (const [i, [union, title, description, votes, scheduledAs]] of TOPICS.entries()) {
    const path = unions.get(union)!.path;
    const voters = everyone.filter((p) => unions.get(p.unionKey)!.path.startsWith(path)).slice(i, i + votes);
    const activityId = scheduledAs ? activityIds.get(scheduledAs)! : null;
    const [t] = await tx
      .insert(activityTopics)
      .values({ unionId: unions.get(union)!.id, unionPath: path, title, description, proposedBy: voters[0]!.memberId, votes: voters.length, status: activityId ? 'scheduled' : 'open', activityId, createdAt: new Date(now.getTime() - (40 - i) * DAY) })
      .returning({ id: activityTopics.id });
    await tx.insert(activityTopicVotes).values(voters.map((v, k) => ({ topicId: t!.id, memberId: v.memberId, userId: v.userId, createdAt: new Date(now.getTime() - (39 - i) * DAY + k * HOUR) })));
    if (activityId) await tx.update(activities).set({ topicId: t!.id }).where(sql`${activities.id} = ${activityId}`);
  }
}

const REQUESTS: [FeedbackCategory, string][] = [
  ['rights', '车间连续加班一个月，加班费一直没有按规定发放，希望工会帮忙了解一下。'],
  ['labour_relations', '劳动合同快到期了，单位一直没说续不续签，想咨询一下我的权利。'],
  ['hardship', '爱人生病住院，家里开销压力很大，想问问能不能申请困难帮扶。'],
  ['suggestion', '建议在厂区增设职工休息室，夏天午休没有地方休息。'],
  ['other', '想了解一下职工疗休养的报名条件和流程。'],
  ['rights', '夜班没有夜班补贴，其他同事也有这个问题，能否帮忙反映。'],
  ['suggestion', '希望工会多组织一些适合外地职工参加的周末活动。'],
  ['hardship', '孩子今年上大学，学费有困难，想问问有没有金秋助学。'],
  ['labour_relations', '单位要调岗降薪，没有和我协商，我该怎么办？'],
  ['other', '工会会员卡丢了，怎么补办？'],
  ['suggestion', '食堂饭菜价格上涨，希望工会和单位沟通一下。'],
  ['rights', '高温天气在户外作业，单位没有发放高温津贴。'],
];

type FeedbackState = 'fresh' | 'near_due' | 'escalated' | 'overdue_root' | 'replied_fast' | 'replied_slow' | 'closed_rated' | 'closed' | 'bypass_pending' | 'bypass_replied';
const STATES: FeedbackState[] = ['fresh', 'near_due', 'escalated', 'overdue_root', 'replied_fast', 'replied_slow', 'closed_rated', 'closed', 'bypass_pending', 'bypass_replied'];
const REPLIES = ['您好，已收到您的反映，我们已与单位人事部门沟通，会在三个工作日内给您答复。', '您好，您反映的情况属实的话可以申请帮扶，请带上相关材料到工会服务站登记。', '感谢您的建议，我们已转达单位行政部门，会尽快研究落实。'];

function parentKey(unions: Unions, key: string): string {
  const path = unions.get(key)!.path;
  const parentPath = `/${path.split('/').filter(Boolean).slice(0, -1).join('/')}/`;
  return [...unions.entries()].find(([, v]) => v.path === parentPath)?.[0] ?? key;
}

async function seedFeedback(tx: Db, keys: Keys, unions: Unions, everyone: Person[], staffUserId: string, now: Date): Promise<void> {
  const grassroots = everyone.filter((p) => unions.get(p.unionKey)!.depth === 2);
  for (let i = 0; i < 36; i++) {
    const p = i === 0 ? grassroots[0]! : grassroots[(i * 7) % grassroots.length]!;
    const state = STATES[i % STATES.length]!;
    const [category, text] = REQUESTS[i % REQUESTS.length]!;
    const ageH = { fresh: 2, near_due: 22, escalated: 30, overdue_root: 80, replied_fast: 50 + i * 20, replied_slow: 80 + i * 15, closed_rated: 100 + i * 24, closed: 120 + i * 24, bypass_pending: 5, bypass_replied: 70 + i * 10 }[state];
    const createdAt = new Date(now.getTime() - ageH * HOUR);
    const bypass = state.startsWith('bypass');
    const up = parentKey(unions, p.unionKey);
    const handling = state === 'overdue_root' ? 'city' : state === 'escalated' || bypass ? up : p.unionKey;
    const escalations = state === 'overdue_root' ? 2 : state === 'escalated' ? 1 : 0;
    const replyAfterH = { replied_fast: 3, replied_slow: 31, closed_rated: 5, closed: 20, bypass_replied: 8 }[state as string] ?? null;
    const firstRepliedAt = replyAfterH === null ? null : new Date(createdAt.getTime() + replyAfterH * HOUR);
    const closed = state === 'closed' || state === 'closed_rated';
    const assignedAt = escalations ? new Date(createdAt.getTime() + escalations * DAY) : createdAt;
    const [f] = await tx
      .insert(feedbackRequests)
      .values({
        memberId: p.memberId,
        userId: p.userId,
        memberUnionPath: unions.get(p.unionKey)!.path,
        bypassGrassroots: bypass,
        handlingUnionId: unions.get(handling)!.id,
        handlingPath: unions.get(handling)!.path,
        category,
        status: closed ? 'closed' : firstRepliedAt ? 'replied' : 'pending',
        assignedAt,
        // the root union keeps what reached it: it stays overdue there
        dueAt: replyDueAt(assignedAt),
        escalations,
        firstRepliedAt,
        closedAt: closed ? new Date(firstRepliedAt!.getTime() + 2 * DAY) : null,
        ratingScore: state === 'closed_rated' ? 3 + (i % 3) : null,
        ratingComment: state === 'closed_rated' ? '处理及时，谢谢工会' : null,
        createdAt,
      })
      .returning({ id: feedbackRequests.id });
    const thread: (typeof feedbackMessages.$inferInsert)[] = [{ requestId: f!.id, author: 'member', authorUserId: p.userId, textEnc: encrypt(keys, text), at: createdAt }];
    if (escalations >= 1) thread.push({ requestId: f!.id, author: 'system', event: 'escalated', unionId: unions.get(up)!.id, at: new Date(createdAt.getTime() + DAY) });
    if (escalations >= 2) thread.push({ requestId: f!.id, author: 'system', event: 'escalated', unionId: unions.get('city')!.id, at: new Date(createdAt.getTime() + 2 * DAY) });
    if (firstRepliedAt) thread.push({ requestId: f!.id, author: 'staff', authorUserId: staffUserId, unionId: unions.get(handling)!.id, textEnc: encrypt(keys, REPLIES[i % REPLIES.length]!), at: firstRepliedAt });
    if (closed) thread.push({ requestId: f!.id, author: 'system', event: 'closed', unionId: unions.get(handling)!.id, at: new Date(firstRepliedAt!.getTime() + 2 * DAY) });
    await tx.insert(feedbackMessages).values(thread);
  }
}

export async function seedDemoActivities(tx: Db, keys: Keys, unions: Unions, staffUserId: string, now: Date): Promise<void> {
  const everyone = await people(tx, unions);
  const activityIds = await seedSeason(tx, unions, everyone, staffUserId, now);
  await seedTopics(tx, unions, everyone, activityIds, now);
  await seedFeedback(tx, keys, unions, everyone, staffUserId, now);
}
