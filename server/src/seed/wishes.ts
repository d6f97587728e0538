import { sql } from 'drizzle-orm';
import { adoptionDueAt, DONOR_ADOPTION_CAP, shanghaiDate, WISH_TRANSITIONS, type WishAction, type WishCategory, type WishKind, type WishStatus } from '@gonghui/shared';
import { encrypt, type Keys } from '../crypto';
import { queryRows, schema, type Db } from '../db/index';

const { users, donors, donorProfiles, wishes, wishAdoptions, wishEvents, notices } = schema;
const DAY = 86400_000;

/** Donors: the two demo accounts and four more; one enterprise's licence still waits for the city federation's check. */
const DONORS = [
  { phone: '13700000001', kind: 'individual', name: '陈女士', showName: true },
  { phone: '13700000002', kind: 'enterprise', name: '湖州同心建设有限公司', licence: '91330502MA2B3C4D5E', verified: true, showName: true },
  { phone: '13700000003', kind: 'enterprise', name: '湖州南太湖电器有限公司', licence: '91330503MA7H8J9K0L', verified: false, showName: true },
  { phone: '13700000004', kind: 'individual', name: '李先生', showName: true },
  { phone: '13700000005', kind: 'individual', name: '吴女士', showName: false },
  { phone: '13700000006', kind: 'individual', name: '周老师', showName: true },
] as const;

type Spec = [title: string, category: WishCategory, kind: WishKind, yuan: number, story: string, status: WishStatus];

/** Thirty wishes in every state. Public texts say nothing about who wished. */
const WISHES: Spec[] = [
  ['孩子的新学期学习用品', 'study', 'material', 200, '孩子上小学三年级，想要一个新书包和一套文具，开学能用上。', 'handed_over'],
  ['一件厚实的冬衣', 'living', 'material', 300, '在外跑快递，冬天骑车很冷，想要一件防风保暖的冬衣。', 'draft'],
  ['轮椅防褥疮坐垫', 'health', 'material', 450, '家中老人长期坐轮椅，想要一个防褥疮的减压坐垫。', 'thanked'],
  ['电工技能培训课程', 'skills', 'service', 500, '想考低压电工证，希望能参加一期电工技能培训。', 'thanked'],
  ['上门理发服务', 'care', 'service', 80, '家里老人是退休劳模，腿脚不便，想请人上门理发。', 'thanked'],
  ['求职简历指导', 'job', 'service', 150, '刚失业，希望有人帮忙修改简历、做一次模拟面试。', 'thanked'],
  ['孩子的英语词典', 'study', 'material', 120, '孩子上初中，想要一本牛津英汉双解词典。', 'received'],
  ['电饭煲', 'living', 'material', 260, '家里电饭煲坏了，想要一个新的，方便给家人做饭。', 'received'],
  ['心理疏导咨询', 'counselling', 'service', 400, '家中变故后压力很大，希望能有几次心理咨询。', 'delivered'],
  ['一双劳保鞋', 'living', 'material', 180, '在工地上班，鞋子磨破了，想要一双防砸劳保鞋。', 'delivered'],
  ['家用血压计', 'health', 'material', 220, '母亲有高血压，想要一个电子血压计在家量血压。', 'handed_over'],
  ['台灯和护眼灯泡', 'study', 'material', 150, '孩子晚上写作业灯光太暗，想要一盏护眼台灯。', 'adopted'],
  ['厨师技能培训', 'skills', 'service', 500, '想学中式面点，希望参加一期面点师培训。', 'adopted'],
  ['保暖被褥一套', 'living', 'material', 350, '租住的房子冬天潮冷，想要一套厚实的被褥。', 'adopted'],
  ['孩子的校服', 'study', 'material', 240, '孩子升学需要买两套校服，想请爱心人士帮忙。', 'published'],
  ['老花镜验配', 'health', 'service', 200, '视力下降看不清零件，想验配一副合适的老花镜。', 'published'],
  ['叉车操作证培训', 'skills', 'service', 500, '想考叉车证，换一个更稳定的岗位。', 'published'],
  ['电动车头盔和雨衣', 'living', 'material', 160, '每天骑电动车上下班，想要一个头盔和一套雨衣。', 'published'],
  ['孩子的课外读物', 'study', 'material', 100, '孩子喜欢看书，想要几本适合小学生的课外书。', 'published'],
  ['家政上门清洁', 'care', 'service', 200, '家中老人独居，想请人上门做一次大扫除。', 'published'],
  ['一台二手电脑', 'study', 'material', 500, '孩子上网课需要电脑，想要一台能用的二手笔记本。', 'submitted'],
  ['康复理疗几次', 'health', 'service', 480, '工伤后手腕恢复不好，想做几次康复理疗。', 'submitted'],
  ['冬季暖手宝', 'living', 'material', 60, '夜班巡逻手冷，想要一个充电暖手宝。', 'submitted'],
  ['面试正装一套', 'job', 'material', 400, '找到一个面试机会，想要一套得体的正装。', 'submitted'],
  ['孩子的钢琴课', 'study', 'service', 500, '孩子喜欢音乐，想上几节钢琴启蒙课。', 'changes_requested'],
  ['驾驶培训费用', 'skills', 'service', 500, '想学驾照，转岗做司机。', 'changes_requested'],
  ['新手机一部', 'other', 'material', 500, '手机坏了，想要一部新手机。', 'rejected'],
  ['一辆自行车', 'living', 'material', 300, '上班路远，想要一辆自行车代步。', 'withdrawn'],
  ['春节回家车票', 'other', 'material', 300, '想回老家过年，希望有人资助一张车票。', 'expired'],
  ['助听器调试', 'health', 'service', 350, '父亲助听器需要调试，想请专业人员帮忙。', 'received'],
];

const THANKS = ['谢谢您的帮助，让我们全家感受到温暖！', '收到了，非常感谢爱心人士和工会！', '感谢您，我会好好学习技术，早日考出证书。', '老人很开心，谢谢你们的关心！'];

/** The path of transitions from draft to a status, through the table (expired and withdrawn go through published). */
function pathTo(status: WishStatus): WishAction[] {
  const main: WishAction[] = ['submit', 'approve', 'adopt', 'deliver', 'confirm_handover', 'confirm_receipt', 'thank'];
  const detour: Partial<Record<WishStatus, WishAction[]>> = {
    draft: [],
    changes_requested: ['submit', 'request_changes'],
    rejected: ['submit', 'reject'],
    withdrawn: ['submit', 'approve', 'withdraw'],
    expired: ['submit', 'approve', 'expire'],
  };
  if (detour[status]) return detour[status]!;
  return main.slice(0, main.findIndex((a) => WISH_TRANSITIONS[a].to === status) + 1);
}

const ACTOR: Record<WishAction, 'wisher' | 'staff' | 'donor' | 'system'> = {
  submit: 'wisher', request_changes: 'staff', approve: 'staff', reject: 'staff', withdraw: 'wisher', adopt: 'donor', release: 'donor',
  deliver: 'donor', confirm_handover: 'staff', confirm_receipt: 'wisher', thank: 'wisher', expire: 'system',
};

/** Donor profiles and thirty wishes across the unions, with consistent timelines, adoptions and counters. */
export async function seedDemoWishes(tx: Db, keys: Keys, now: Date, staffUserId: string): Promise<void> {
  const donorIds: string[] = [];
  for (const d of DONORS) {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`${users.phone} = ${d.phone}`);
    const id = existing?.id ?? (await tx.insert(users).values({ phone: d.phone, displayName: d.name }).returning({ id: users.id }))[0]!.id;
    if (!existing) await tx.insert(donors).values({ userId: id, kind: d.kind, displayName: d.name });
    const licence = 'licence' in d ? d.licence : null;
    await tx.insert(donorProfiles).values({
      userId: id,
      enterpriseName: d.kind === 'enterprise' ? d.name : null,
      contactName: d.kind === 'enterprise' ? '王经理' : null,
      contactPhone: d.kind === 'enterprise' ? d.phone : null,
      licenceNo: licence,
      licenceStatus: licence ? ('verified' in d && d.verified ? 'verified' : 'pending') : 'none',
      licenceReviewedBy: 'verified' in d && d.verified ? staffUserId : null,
      licenceReviewedAt: 'verified' in d && d.verified ? new Date(now.getTime() - 30 * DAY) : null,
      showName: d.showName,
      adoptionCap: DONOR_ADOPTION_CAP[d.kind],
    });
    donorIds.push(id);
  }

  // the first active member (张晓明, 13800000001) gets the wish waiting at the station; the rest spread over the unions
  const people = await queryRows<{ id: string; union_id: string; path: string; user_id: string }>(
    tx,
    sql`select m.id, m.union_id, u.path, m.user_id from members m join unions u on u.id = m.union_id where m.status = 'active' order by m.member_no limit 200`,
  );
  const active = new Map<string, number>();
  for (const [i, [title, category, kind, yuan, story, status]] of WISHES.entries()) {
    const m = people[i === 0 ? 0 : (i * 7) % people.length]!;
    const created = new Date(now.getTime() - (40 - i) * DAY);
    const wishedBy = shanghaiDate(new Date(now.getTime() + (status === 'expired' ? -3 : 20 + i) * DAY));
    const actions = pathTo(status);
    const donor = donorIds[(i + 5) % donorIds.length]!;
    const thanks = status === 'thanked' ? THANKS[i % THANKS.length]! : null;
    const [w] = await tx
      .insert(wishes)
      .values({
        memberId: m.id, unionId: m.union_id, unionPath: m.path, filedBy: i % 9 === 4 ? staffUserId : null, category, kind, title,
        storyEnc: encrypt(keys, story), publicTitle: actions.includes('approve') ? title : null, publicStory: actions.includes('approve') ? story : null,
        valueFen: yuan * 100, wishedBy, status, reviewNote: status === 'changes_requested' ? '请补充家庭情况说明' : status === 'rejected' ? '不属于微心愿帮扶范围' : null,
        publishedAt: actions.includes('approve') ? new Date(created.getTime() + DAY) : null, thanksMessage: thanks, thankedAt: thanks ? new Date(created.getTime() + 8 * DAY) : null,
        createdAt: created, updatedAt: new Date(created.getTime() + actions.length * DAY),
      })
      .returning({ id: wishes.id });
    let from: WishStatus = 'draft';
    await tx.insert(wishEvents).values({ wishId: w!.id, at: created, actorUserId: m.user_id, actor: 'wisher', action: 'create', fromStatus: null, toStatus: 'draft' });
    for (const [k, action] of actions.entries()) {
      const to = WISH_TRANSITIONS[action].to;
      const actor = ACTOR[action];
      const actorUserId = actor === 'wisher' ? m.user_id : actor === 'staff' ? staffUserId : actor === 'donor' ? donor : null;
      await tx.insert(wishEvents).values({ wishId: w!.id, at: new Date(created.getTime() + (k + 1) * DAY), actorUserId, actor, action, fromStatus: from, toStatus: to });
      from = to;
    }
    if (actions.includes('adopt')) {
      const adoptedAt = new Date(created.getTime() + 3 * DAY);
      const live = status === 'adopted' ? 'active' : status === 'delivered' || status === 'handed_over' ? 'delivered' : 'completed';
      if (live === 'active') active.set(donor, (active.get(donor) ?? 0) + 1);
      await tx.insert(wishAdoptions).values({
        wishId: w!.id, donorUserId: donor, status: live, adoptedAt, dueAt: live === 'active' ? adoptionDueAt(now) : adoptionDueAt(adoptedAt),
        deliveredAt: live === 'active' ? null : new Date(adoptedAt.getTime() + DAY), completedAt: live === 'completed' ? new Date(adoptedAt.getTime() + 3 * DAY) : null,
      });
    }
    if (i === 0) {
      await tx.insert(notices).values({ userId: m.user_id, kind: 'wish.confirm_handover', title: '请领取您的心愿', body: `“${title}”已在工会站点，请联系工会领取，收到后请在这里确认。`, linkPage: '/pages/wishes/mine/detail/index', linkId: w!.id, createdAt: new Date(now.getTime() - DAY) });
    }
  }
  for (const [donor, n] of active) await tx.update(donorProfiles).set({ activeAdoptions: n }).where(sql`${donorProfiles.userId} = ${donor}`);
}
