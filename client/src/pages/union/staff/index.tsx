import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  StaffGrantBody,
  staffChangeLabels,
  staffDutyLabels,
  staffRoleLabels,
  type StaffMemberView,
  type StaffRole,
  type StaffRoleView,
} from '@gonghui/shared';
import { useAppStore } from '../../../stores';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { Chips, FormRow } from '../../../components/Form';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { confirmDialog, toast } from '../../../dialogs';
import { useFieldErrors } from '../../../forms/useFieldErrors';
import { UNION_STAFF_PAGE, withQuery } from '../../../routes';
import { listDate, listDateTime } from '../../../format';
import { UnionChoice } from './UnionChoice';
import './index.scss';

/** A selector must not build a new array on each call: zustand would re-render forever. */
const NO_ROLES: StaffRoleView[] = [];

const ROLES: { key: StaffRole; label: string }[] = [
  { key: 'operator', label: staffRoleLabels.operator },
  { key: 'admin', label: staffRoleLabels.admin },
];
const ROLE_HINT: Record<StaffRole, string> = {
  operator: '经办人：审核入会、维护会员、查看统计',
  admin: '管理员：另可发布工惠券、签约商户、设置入会方式和管理工作人员',
};

type Draft = { phone: string; name: string; role: StaffRole };
type Field = 'phone' | 'name' | 'role';
const FIELDS: readonly Field[] = ['phone', 'name', 'role'];
/** Refusals about the number given: said under it. */
const STAFF_CODES = { codes: { STAFF_EXISTS: 'phone', STAFF_IS_CASHIER: 'phone' } };

function AddStaffForm({ unionId, onAdded, onCancel }: { unionId: string; onAdded: () => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>({ phone: '', name: '', role: 'operator' });
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  const [saving, setSaving] = useState(false);
  const set = <K extends Field>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    clear(k);
  };

  const submit = async () => {
    // The shared schema carries the Chinese messages; the server checks the same one.
    const body = check(StaffGrantBody, { phone: d.phone.trim(), name: d.name, role: d.role });
    if (!body) return;
    setSaving(true);
    try {
      await call(api.grantStaff, { params: { id: unionId }, body, toast: false });
      toast('已添加', 'success');
      onAdded();
    } catch (error) {
      fail(error, STAFF_CODES);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='gh-card gh-staff-form'>
      <View className='gh-section-title'>添加工作人员</View>
      <FormRow label='手机号' error={errors.phone} hint='对方用这个手机号登录后即可办理'>
        <Input className='gh-input gh-staff-form__phone' type='number' placeholder='11位手机号' maxLength={11} value={d.phone} onChange={(v) => set('phone', v)} />
      </FormRow>
      <FormRow label='姓名' error={errors.name}>
        <Input className='gh-input gh-staff-form__name' placeholder='真实姓名' maxLength={20} value={d.name} onChange={(v) => set('name', v)} />
      </FormRow>
      <FormRow label='角色' error={errors.role} hint={ROLE_HINT[d.role]}>
        <Chips options={ROLES} value={d.role} onChange={(k) => set('role', k)} className='gh-staff-form__role' />
      </FormRow>
      <View className='gh-staff-form__actions'>
        <Button fill='outline' size='large' disabled={saving} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' size='large' loading={saving} className='gh-staff-form__submit' onClick={() => void submit()}>
          确认添加
        </Button>
      </View>
    </View>
  );
}

function StaffRow({
  s,
  manage,
  busy,
  onRole,
  onRemove,
  onDuty,
}: {
  s: StaffMemberView;
  manage: boolean;
  busy: boolean;
  onRole: (s: StaffMemberView, role: StaffRole) => void;
  onRemove: (s: StaffMemberView) => void;
  onDuty: (s: StaffMemberView, on: boolean) => void;
}) {
  const hardship = s.duties.includes('hardship');
  const other: StaffRole = s.role === 'admin' ? 'operator' : 'admin';
  return (
    <View className='gh-srow'>
      <View className='gh-srow__main'>
        <View className='gh-srow__name'>
          {s.name}
          {s.self ? <Text className='gh-srow__self'>（我）</Text> : null}
        </View>
        <View className='gh-srow__meta'>
          <Text className={`gh-srow__role gh-srow__role--${s.role}`}>{staffRoleLabels[s.role]}</Text>
          <Text>{s.phoneMasked}</Text>
          <Text>{listDate(s.since)} 起</Text>
          {hardship ? <Text className='gh-srow__duty'>{staffDutyLabels.hardship}</Text> : null}
        </View>
      </View>
      {manage && !s.self ? (
        <View className='gh-srow__actions'>
          <Button fill='outline' disabled={busy} className='gh-srow__change' onClick={() => onRole(s, other)}>
            改为{staffRoleLabels[other]}
          </Button>
          <Button fill='outline' disabled={busy} className='gh-srow__duty-toggle' onClick={() => onDuty(s, !hardship)}>
            {hardship ? '取消困难帮扶职责' : '授予困难帮扶职责'}
          </Button>
          <Button fill='outline' disabled={busy} className='gh-srow__remove' onClick={() => onRemove(s)}>
            移除
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export default function UnionStaffPage() {
  const router = useRouter();
  const asked = router.params.unionId ?? '';
  const signedIn = useRequireLogin(withQuery(UNION_STAFF_PAGE, { unionId: asked }));
  const roles = useAppStore((s) => s.me?.staffRoles ?? NO_ROLES);
  const meKnown = useAppStore((s) => s.me !== null);
  // Opened without a union (the side navigation of someone working for several): they choose;
  // working for one union, that is the one.
  const unionId = asked || (roles.length === 1 ? roles[0]!.unionId : '');
  const state = useResource(() => call(api.listStaff, { params: { id: unionId }, toast: false }), [unionId], { enabled: signedIn && !!unionId });
  const { reload } = state;
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const changeRole = async (s: StaffMemberView, role: StaffRole) => {
    const ok = await confirmDialog({
      title: `把${s.name}改为${staffRoleLabels[role]}？`,
      content: ROLE_HINT[role],
      confirmText: '确认调整',
    });
    if (!ok) return;
    setBusy(s.userId);
    try {
      await call(api.changeStaff, { params: { id: unionId, userId: s.userId }, body: { role } });
      toast('已调整', 'success');
      await reload(true);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  const setDuty = async (s: StaffMemberView, on: boolean) => {
    const ok = await confirmDialog({
      title: on ? `授予${s.name}困难职工帮扶职责？` : `取消${s.name}的困难职工帮扶职责？`,
      content: on ? '授予后可查看本工会及下级工会的困难职工档案、审核建档申请、办理帮扶救助；每次查看完整敏感信息都会留痕。' : '取消后不能再查看困难职工档案。',
      confirmText: on ? '确认授予' : '确认取消',
    });
    if (!ok) return;
    setBusy(s.userId);
    try {
      await call(on ? api.grantStaffDuty : api.revokeStaffDuty, { params: { id: unionId, userId: s.userId, duty: 'hardship' } });
      toast(on ? '已授予' : '已取消', 'success');
      await reload(true);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  const remove = async (s: StaffMemberView) => {
    const ok = await confirmDialog({
      title: `移除${s.name}？`,
      content: `移除后${s.name}不能再办理本工会的业务；其会员身份不受影响。`,
      confirmText: '确认移除',
    });
    if (!ok) return;
    setBusy(s.userId);
    try {
      await call(api.revokeStaff, { params: { id: unionId, userId: s.userId } });
      toast('已移除', 'success');
      await reload(true);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  const data = state.status === 'ready' ? state.data : null;
  const manage = data?.abilities.manage ?? false;

  if (!unionId) {
    return (
      <PageShell wide staffOnly className='gh-staff'>
        <HeaderBand title='工作人员' subtitle='添加、调整或移除工会的管理员和经办人' />
        {roles.length > 1 ? <UnionChoice roles={roles} /> : null}
        {roles.length <= 1 ? (
          <View className='gh-card gh-card--overlap'>
            {meKnown ? <EmptyView title='您不是工会工作人员' hint='工作人员由所在工会的管理员添加，请联系工会。' /> : <LoadingView />}
          </View>
        ) : null}
      </PageShell>
    );
  }
  const severalUnions = roles.length > 1;
  const chooseAgain = () => {
    // Came from the list of unions: back to it; else the list takes this page's place.
    const pages = Taro.getCurrentPages();
    const below = pages[pages.length - 2];
    const belowPath = `/${(below?.route ?? '').replace(/^\//, '').split('?')[0]}`;
    if (below && belowPath === UNION_STAFF_PAGE && !below.options?.unionId) void Taro.navigateBack();
    else void Taro.redirectTo({ url: UNION_STAFF_PAGE });
  };

  return (
    <PageShell wide staffOnly className='gh-staff'>
      <HeaderBand
        title='工作人员'
        subtitle={data ? `${data.unionName} · ${manage ? '添加、调整或移除本工会的管理员和经办人' : '本工会的管理员和经办人（由管理员维护）'}` : undefined}
      />
      {manage || severalUnions ? (
        <View className='gh-card gh-card--overlap gh-toolbar gh-staff__tools'>
          {manage ? (
            <Button type='primary' className='gh-staff__add' onClick={() => setAdding(true)}>
              添加工作人员
            </Button>
          ) : null}
          {severalUnions ? (
            <Button type='primary' fill='outline' className='gh-staff__switch' onClick={chooseAgain}>
              切换工会
            </Button>
          ) : null}
        </View>
      ) : null}
      {manage && adding ? (
        <AddStaffForm
          unionId={unionId}
          onCancel={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void reload(true);
          }}
        />
      ) : null}
      <View className={manage || severalUnions ? 'gh-card gh-staff__card' : 'gh-card gh-card--overlap gh-staff__card'}>
        {state.status === 'loading' ? <LoadingView /> : null}
        {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void reload()} /> : null}
        {data && data.data.length === 0 ? <EmptyView title='还没有工作人员' hint={manage ? '点击“添加工作人员”，输入手机号和姓名。' : '请联系上级工会开通。'} /> : null}
        {data && data.data.length > 0 ? (
          <View className='gh-staff__list'>
            {data.data.map((s) => (
              <StaffRow key={s.userId} s={s} manage={manage} busy={busy !== null} onRole={(x, r) => void changeRole(x, r)} onRemove={(x) => void remove(x)} onDuty={(x, on) => void setDuty(x, on)} />
            ))}
          </View>
        ) : null}
      </View>
      {data ? (
        <View className='gh-card gh-staff__log'>
          <View className='gh-section-title'>变更记录</View>
          {data.changes.length === 0 ? <View className='gh-staff__log-empty'>还没有变更记录</View> : null}
          {data.changes.map((c, i) => (
            <View key={`${c.at}-${i}`} className='gh-staff__change'>
              <Text className='gh-staff__change-at'>{listDateTime(c.at)}</Text>
              <Text className='gh-staff__change-text'>
                {c.actorName} {staffChangeLabels[c.action]} {c.subjectName}
                {c.role ? `（${staffRoleLabels[c.role]}）` : ''}
                {c.duty ? `（${staffDutyLabels[c.duty]}）` : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
