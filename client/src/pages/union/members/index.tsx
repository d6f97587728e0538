import { useCallback, useState, type ReactNode } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  memberStatusLabels,
  memberTagLabels,
  type MemberAdminView,
  type MemberPatch,
  type MemberStatus,
  type UnionNode,
} from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { Chips, FormRow } from '../../../components/Form';
import { Toggle } from '../../../components/Toggle';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { usePagedList } from '../../../hooks/usePagedList';
import { useResource } from '../../../hooks/useResource';
import { loadUnionTree, reloadUnionTree } from '../../../stores/union-tree';
import { confirmDialog, toast } from '../../../dialogs';
import { UNION_JOIN_QR_PAGE, UNION_MEMBERS_PAGE, UNION_STAFF_PAGE, withQuery } from '../../../routes';
import { listDate } from '../../../format';
import { openPage } from '../../../navigation';
import { pressable } from '../../account/shared/pressable';
import './index.scss';

const PAGE_SIZE = 20;

type Filter = 'all' | MemberStatus;
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'pending', label: memberStatusLabels.pending },
  { key: 'active', label: memberStatusLabels.active },
  { key: 'suspended', label: memberStatusLabels.suspended },
  { key: 'rejected', label: memberStatusLabels.rejected },
];

/** What staff can do to a member; each one is offered only where the server's abilities allow it. */
type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

const DONE_TEXT: Record<Decision, string> = { approve: '已通过', reject: '已驳回', suspend: '已暂停', reinstate: '已恢复' };
const ID_CONFLICT_WARNING = '该身份证号已被其他会员使用，请核实后再审核';

function decode(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** 驳回: the applicant reads the reason, so it is asked for before anything is sent. */
function RejectForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    const r = reason.trim();
    if (r.length < 2 || r.length > 200) {
      setError('请填写驳回原因（2–200个字）');
      return;
    }
    onSubmit(r);
  };
  return (
    <View className='gh-mrow__reject'>
      <FormRow label='驳回原因' error={error} hint='申请人会看到这段说明，例如：单位名称与劳动合同不符'>
        <TextArea
          className='gh-input gh-input--area gh-mrow__reason'
          placeholder='请填写驳回原因'
          maxLength={200}
          value={reason}
          onChange={(v) => {
            setReason(v);
            setError(undefined);
          }}
        />
      </FormRow>
      <View className='gh-mrow__buttons'>
        <Button fill='outline' disabled={busy} className='gh-mrow__reject-cancel' onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} className='gh-mrow__reject-confirm' onClick={submit}>
          确认驳回
        </Button>
      </View>
    </View>
  );
}

function MemberRow({ m, busy, onDecide }: { m: MemberAdminView; busy: Decision | null; onDecide: (m: MemberAdminView, d: Decision, reason?: string) => Promise<boolean> }) {
  const [rejecting, setRejecting] = useState(false);
  const reviewable = m.status === 'pending' && m.abilities.review;
  const buttons: ReactNode[] = [];
  if (reviewable && !rejecting) {
    buttons.push(
      <Button key='approve' type='primary' loading={busy === 'approve'} disabled={busy !== null} className='gh-mrow__approve' onClick={() => void onDecide(m, 'approve')}>
        通过
      </Button>,
      <Button key='reject' fill='outline' disabled={busy !== null} className='gh-mrow__reject-open' onClick={() => setRejecting(true)}>
        驳回
      </Button>,
    );
  }
  if (m.status === 'active' && m.abilities.update) {
    buttons.push(
      <Button key='suspend' fill='outline' loading={busy === 'suspend'} disabled={busy !== null} className='gh-mrow__suspend' onClick={() => void onDecide(m, 'suspend')}>
        暂停
      </Button>,
    );
  }
  if (m.status === 'suspended' && m.abilities.update) {
    buttons.push(
      <Button key='reinstate' type='primary' loading={busy === 'reinstate'} disabled={busy !== null} className='gh-mrow__reinstate' onClick={() => void onDecide(m, 'reinstate')}>
        恢复
      </Button>,
    );
  }

  return (
    <View className={`gh-mrow gh-mrow--${m.status}`}>
      {(
        [
          ['name', '姓名', m.name],
          ['no', '会员号', m.memberNo],
          ['phone', '手机', m.phoneMasked],
          ['id', '身份证', m.idNumberMasked],
          ['employer', '单位', m.employer],
        ] as const
      ).map(([key, label, value]) => (
        <View key={key} className={`gh-mrow__cell gh-mrow__${key}`}>
          <Text className='gh-mrow__label'>{label}</Text>
          {value}
        </View>
      ))}
      <View className={m.tags.length === 0 ? 'gh-mrow__cell gh-mrow__tags gh-mrow__tags--empty' : 'gh-mrow__cell gh-mrow__tags'}>
        <Text className='gh-mrow__label'>标签</Text>
        {m.tags.length === 0 ? <Text className='gh-mrow__none'>—</Text> : null}
        {m.tags.map((t) => (
          <Text key={t} className='gh-tag'>
            {memberTagLabels[t]}
          </Text>
        ))}
      </View>
      <View className='gh-mrow__cell gh-mrow__status'>
        <Text className='gh-mrow__label'>状态</Text>
        <Text className={`gh-status-text gh-status-text--${m.status}`}>{memberStatusLabels[m.status]}</Text>
      </View>
      <View className='gh-mrow__cell gh-mrow__joined'>
        <Text className='gh-mrow__label'>{m.status === 'pending' || m.status === 'rejected' ? '申请' : '入会'}</Text>
        {listDate(m.joinedAt)}
      </View>
      {/* Moot once the application was turned down. */}
      {m.idConflict && m.status !== 'rejected' ? <View className='gh-mrow__warn'>{ID_CONFLICT_WARNING}</View> : null}
      {buttons.length > 0 ? <View className='gh-mrow__buttons gh-mrow__actions'>{buttons}</View> : null}
      {reviewable && rejecting ? (
        <RejectForm
          busy={busy === 'reject'}
          onCancel={() => setRejecting(false)}
          onSubmit={(reason) =>
            void onDecide(m, 'reject', reason).then((ok) => {
              if (ok) setRejecting(false);
            })
          }
        />
      ) : null}
    </View>
  );
}

/** How this grassroots union admits workers; only its admins may change it. */
function JoinApprovalCard({ union, onChanged }: { union: UnionNode; onChanged: (u: UnionNode) => void }) {
  const [saving, setSaving] = useState(false);
  const manual = union.joinApproval === 'manual';
  const toggle = async () => {
    if (saving) return;
    const ok = await confirmDialog({
      title: manual ? '改为自动通过？' : '改为需工会审核？',
      content: manual ? '之后职工扫码实名入会即成为正式会员，不再经过审核。' : '之后职工扫码入会后为“待审核”，由本工会工作人员通过后才成为正式会员。',
      confirmText: '确认修改',
    });
    if (!ok) return;
    setSaving(true);
    try {
      onChanged(await call(api.updateUnion, { params: { id: union.id }, body: { joinApproval: manual ? 'auto' : 'manual' } }));
      toast('已修改', 'success');
    } catch {
      // shown by the API layer
    } finally {
      setSaving(false);
    }
  };
  if (!union.abilities.manage) {
    return (
      <View className='gh-card gh-members__approval'>
        <View className='gh-members__approval-text'>
          入会方式：<Text className='gh-members__approval-value'>{manual ? '需工会审核' : '自动通过'}</Text>
          <Text className='gh-members__approval-who'>（由本级工会管理员设置）</Text>
        </View>
      </View>
    );
  }
  return (
    <View className='gh-card gh-members__approval'>
      <View
        className='gh-setting gh-members__approval-setting'
        {...pressable('入会需工会审核', () => void toggle(), { role: 'switch', checked: manual, disabled: saving })}
      >
        <View className='gh-setting__text'>
          <View className='gh-setting__title'>入会需工会审核</View>
          <View className='gh-setting__desc'>{manual ? '已开启：职工扫码入会后，由本工会审核通过才成为会员' : '已关闭：职工扫码实名入会后直接成为会员'}</View>
        </View>
        <Toggle on={manual} disabled={saving} />
      </View>
    </View>
  );
}

export default function UnionMembersPage() {
  const router = useRouter();
  const unionId = decode(router.params.unionId);
  const unionName = decode(router.params.unionName);
  const initialStatus = decode(router.params.status);
  const signedIn = useRequireLogin(withQuery(UNION_MEMBERS_PAGE, { unionId, unionName, status: initialStatus }));

  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  // ?status=pending (from the pending count) opens the list filtered to 待审核.
  const [filter, setFilter] = useState<Filter>(() => FILTERS.find((f) => f.key === initialStatus)?.key ?? 'all');
  const [busy, setBusy] = useState<{ id: string; decision: Decision } | null>(null);
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      call(api.listMembers, { query: { unionId, q: q || undefined, status: filter === 'all' ? undefined : filter, cursor, limit: PAGE_SIZE }, toast: false }),
    [unionId, q, filter],
  );
  const { list, reload, loadMore, updateItems } = usePagedList(fetchPage, { enabled: signedIn });

  // The union itself (its join approval mode and what the caller may change), when one was opened.
  // It is extra: a failure shows nothing here, the member list shows its own errors.
  const unionInfo = useResource(async () => (await loadUnionTree()).find((u) => u.id === unionId) ?? null, [unionId], {
    enabled: signedIn && !!unionId,
  });
  const union = unionInfo.status === 'ready' ? unionInfo.data : null;
  const setUnion = (u: UnionNode) => unionInfo.setData(() => u);

  const search = () => setQ(draft.trim());
  const clearSearch = () => {
    setDraft('');
    setQ('');
  };

  /** Sends one decision after confirming it; the row then shows the server's answer. */
  const decide = async (m: MemberAdminView, decision: Decision, reason?: string): Promise<boolean> => {
    if (decision !== 'reject') {
      const ask: Record<Exclude<Decision, 'reject'>, { title: string; content: string; confirmText: string }> = {
        approve: {
          title: `通过${m.name}的入会申请？`,
          content: `${m.idConflict ? `${ID_CONFLICT_WARNING}。` : ''}通过后${m.name}成为正式会员，可以领取和使用工惠券。`,
          confirmText: '确认通过',
        },
        suspend: { title: `暂停${m.name}的会员资格？`, content: '暂停期间不能领取和使用工惠券，可以随时恢复。', confirmText: '确认暂停' },
        reinstate: { title: `恢复${m.name}的会员资格？`, content: '恢复后可以继续领取和使用工惠券。', confirmText: '确认恢复' },
      };
      if (!(await confirmDialog(ask[decision]))) return false;
    }
    const body: MemberPatch =
      decision === 'reject' ? { status: 'rejected', reason } : { status: decision === 'suspend' ? 'suspended' : 'active' };
    setBusy({ id: m.id, decision });
    try {
      const updated = await call(api.updateMember, { params: { id: m.id }, body });
      updateItems((items) => items.map((x) => (x.id === updated.id ? updated : x)));
      // An application decided: the pending counts (side navigation, 首页, 组织架构) move.
      if (m.status === 'pending') reloadUnionTree().catch(() => undefined);
      toast(DONE_TEXT[decision], 'success');
      return true;
    } catch {
      return false; // the server's message is shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  const filterLabel = FILTERS.find((f) => f.key === filter)?.label ?? '';

  return (
    <PageShell wide staffOnly className='gh-members'>
      <HeaderBand title={unionName ? `${unionName}` : '会员名册'} subtitle='会员名册（含下级工会），身份证号和手机号已脱敏' />

      <View className='gh-card gh-card--overlap gh-members__search'>
        <View className='gh-members__search-line'>
          <Input
            className='gh-members__q'
            placeholder='按姓名搜索'
            value={draft}
            confirmType='search'
            maxLength={30}
            onChange={(v) => setDraft(v)}
            onConfirm={search}
          />
          <Button type='primary' className='gh-members__search-button' onClick={search}>
            搜索
          </Button>
          {q ? (
            <Button fill='outline' className='gh-members__clear' onClick={clearSearch}>
              清除
            </Button>
          ) : null}
        </View>
        <Chips options={FILTERS} value={filter} onChange={setFilter} className='gh-members__filter' />
      </View>

      {union ? (
        <View className='gh-card gh-toolbar gh-members__tools'>
          {union.kind === 'grassroots' ? (
            <Button type='primary' fill='outline' className='gh-members__tool gh-go-join-qr' onClick={() => openPage(withQuery(UNION_JOIN_QR_PAGE, { unionId: union.id }))}>
              入会二维码
            </Button>
          ) : null}
          <Button type='primary' fill='outline' className='gh-members__tool gh-go-staff' onClick={() => openPage(withQuery(UNION_STAFF_PAGE, { unionId: union.id }))}>
            工作人员
          </Button>
        </View>
      ) : null}
      {union && union.kind === 'grassroots' ? <JoinApprovalCard union={union} onChanged={setUnion} /> : null}

      <View className='gh-card gh-members__card'>
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? (
          q ? (
            <EmptyView title={`没有找到姓名包含“${q}”的${filter === 'all' ? '' : `“${filterLabel}”`}会员`} hint='请检查姓名是否有误，或清除搜索查看全部会员。' />
          ) : filter === 'pending' ? (
            <EmptyView title='没有待审核的入会申请' hint='职工扫码申请入会后，会显示在这里等待审核。' />
          ) : filter !== 'all' ? (
            <EmptyView title={`没有“${filterLabel}”的会员`} hint='选择“全部”查看所有会员。' />
          ) : (
            <EmptyView title='这个工会还没有会员' hint='职工扫描本工会的入会二维码完成实名入会后，会显示在这里。' />
          )
        ) : null}
        {list.status === 'ready' && list.items.length > 0 ? (
          <View className='gh-mtable'>
            <View className='gh-mrow gh-mrow--head'>
              <View className='gh-mrow__cell'>姓名</View>
              <View className='gh-mrow__cell'>会员号</View>
              <View className='gh-mrow__cell'>手机</View>
              <View className='gh-mrow__cell'>身份证</View>
              <View className='gh-mrow__cell'>单位</View>
              <View className='gh-mrow__cell'>标签</View>
              <View className='gh-mrow__cell'>状态</View>
              <View className='gh-mrow__cell'>入会</View>
            </View>
            {list.items.map((m) => (
              <MemberRow key={m.id} m={m} busy={busy?.id === m.id ? busy.decision : null} onDecide={decide} />
            ))}
          </View>
        ) : null}
        {list.status === 'ready' && list.items.length > 0 ? (
          <View className='gh-members__more'>
            {list.moreError ? <View className='gh-members__more-error'>{errorText(list.moreError)}</View> : null}
            {list.nextCursor ? (
              <Button fill='outline' block loading={list.loadingMore} className='gh-load-more' onClick={() => void loadMore(list.nextCursor!)}>
                {list.moreError ? '重试加载更多' : '加载更多'}
              </Button>
            ) : (
              <View className='gh-members__end'>已显示全部 {list.items.length} 位会员</View>
            )}
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
