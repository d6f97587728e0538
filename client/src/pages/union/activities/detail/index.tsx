import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { ActivityCancelBody, activityCategoryLabels, enrollmentStatusLabels, formatShanghai, type StaffActivityView, type StaffEnrollmentView } from '@gonghui/shared';
import { api, call, downloadExport } from '../../../../api';
import { PhaseBadge, staffCounts, whenText } from '../../../../components/activities/ActivityParts';
import { DataTable, type Column } from '../../../../components/DataTable';
import { HeaderBand } from '../../../../components/PageShell';
import { errorText } from '../../../../components/StatusView';
import { CodeEntry, MEMBER_CODE } from '../../../../components/CodeEntry';
import { Fact, ListFooter, WishGate } from '../../../../components/wishes/WishParts';
import { confirmDialog, toast } from '../../../../dialogs';
import { FormRow } from '../../../../components/Form';
import { useFieldErrors } from '../../../../forms/useFieldErrors';
import { useSubmitKey } from '../../../../hooks/useSubmitKey';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { STAFF_ACTIVITIES_PAGE, STAFF_ACTIVITY_EDIT_PAGE, STAFF_ACTIVITY_PAGE, withQuery } from '../../../../routes';


const COLUMNS: Column<StaffEnrollmentView>[] = [
  { key: 'member', title: '会员', width: '1.2fr', primary: true, render: (e) => `${e.memberName}（${e.memberNo}）` },
  { key: 'union', title: '所在工会', width: '2fr', render: (e) => e.unionName },
  { key: 'status', title: '状态', width: '1fr', render: (e) => (e.status === 'waitlisted' ? `候补第${e.waitlistPosition}位` : enrollmentStatusLabels[e.status]) },
  { key: 'at', title: '报名时间', width: '1.2fr', render: (e) => formatShanghai(e.enrolledAt) },
  { key: 'checkin', title: '签到', width: '1.2fr', render: (e) => (e.checkedInAt ? formatShanghai(e.checkedInAt) : e.status === 'enrolled' ? '未签到' : '—') },
];

/** One activity for staff: the figures, the door (scan or type the member's 会员码), the list and its export. */
export default function StaffActivityPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(STAFF_ACTIVITY_PAGE, { id }));
  const activity = useResource(() => call(api.staffActivity, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const fetchPage = useCallback((cursor: string | undefined) => call(api.activityEnrollments, { params: { id }, query: { cursor, limit: 100 }, toast: false }), [id]);
  const { list, reload, loadMore } = usePagedList<StaffEnrollmentView>(fetchPage, { enabled: signedIn && !!id, refreshOnShow: true });

  return (
    <WishGate id={id} wide staffOnly resource={activity} className='gh-staff-activity' missing='没有找到这个活动' back={{ label: '返回活动列表', page: STAFF_ACTIVITIES_PAGE }}>
      {(a) => (
        <>
          <HeaderBand title={a.title} subtitle={`${activityCategoryLabels[a.category]} · ${whenText(a)} · ${a.place}`} />
          <View className='gh-card gh-card--overlap'>
            <PhaseBadge phase={a.phase} />
            <View className='gh-activity-detail__place gh-staff-activity__counts'>{staffCounts(a)}</View>
            <Fact label='面向'>{a.unionName}</Fact>
            <Fact label='报名时间'>{`${formatShanghai(a.signupStartsAt)} – ${formatShanghai(a.signupEndsAt)}`}</Fact>
            <Fact label='取消截止'>{formatShanghai(a.cancelDeadline)}</Fact>
          </View>
          {a.editable ? <Manage a={a} onCancelled={(x) => activity.setData(() => x)} /> : null}
          {a.phase !== 'cancelled' ? <CheckIn a={a} onDone={() => void Promise.all([activity.reload(true), reload(true)])} /> : null}
          <View className='gh-card'>
            <View className='gh-toolbar'>
              <View className='gh-section-title'>报名名单</View>
              <Button
                type='primary'
                fill='outline'
                className='gh-staff-activity__export'
                onClick={() => void downloadExport(api.activityEnrollmentsXlsx, { params: { id: a.id }, filename: `${a.title}-报名名单.xlsx` }).catch((e) => toast(errorText(e)))}
              >
                导出名单
              </Button>
            </View>
            {list.status === 'ready' && list.items.length === 0 ? <View className='gh-muted'>还没有人报名</View> : null}
            {list.items.length > 0 ? <DataTable columns={COLUMNS} rows={list.items} rowKey={(e) => e.id} className='gh-staff-activity__table' /> : null}
            <ListFooter list={list} loadMore={loadMore} unit='人' />
          </View>
        </>
      )}
    </WishGate>
  );
}

const CANCEL_FIELDS = ['reason'] as const;

/** Change the form, or cancel with a reason everyone signed up or waiting is told. */
function Manage({ a, onCancelled }: { a: StaffActivityView; onCancelled: (a: StaffActivityView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, clear, check, fail } = useFieldErrors(CANCEL_FIELDS);
  const key = useSubmitKey();
  const people = a.enrolledCount + a.waitlistCount;

  const cancel = async () => {
    const body = check(ActivityCancelBody, { reason });
    if (!body || busy) return;
    if (!(await confirmDialog({ title: '取消这个活动？', content: people ? `已报名和候补的${people}人会收到取消通知和原因，取消后不能恢复。` : '取消后不能恢复。', confirmText: '确认取消', cancelText: '再想想' }))) return;
    setBusy(true);
    try {
      const x = await call(api.cancelActivity, { params: { id: a.id }, body, idempotencyKey: key.key(), toast: false });
      key.settle();
      toast('活动已取消', 'success');
      onCancelled(x);
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='gh-card gh-activity-manage'>
      <View className='gh-section-title'>管理活动</View>
      <View className='gh-wish-actions'>
        <Button type='primary' fill='outline' size='large' block className='gh-activity-manage__edit' onClick={() => void Taro.navigateTo({ url: withQuery(STAFF_ACTIVITY_EDIT_PAGE, { id: a.id }) })}>
          修改活动
        </Button>
        {open ? null : (
          <Button fill='outline' size='large' block className='gh-activity-manage__cancel' onClick={() => setOpen(true)}>
            取消活动
          </Button>
        )}
      </View>
      {open ? (
        <>
          <FormRow label='取消原因' error={errors.reason} hint='会员会在通知里看到'>
            <TextArea className='gh-input gh-input--area gh-activity-manage__reason' placeholder='例如：场地临时检修，活动改期另行通知' maxLength={200} value={reason} onChange={(x) => { setReason(x); clear('reason'); }} />
          </FormRow>
          <View className='gh-wish-actions'>
            <Button type='primary' size='large' block loading={busy} className='gh-activity-manage__confirm' onClick={() => void cancel()}>
              确认取消活动
            </Button>
            <Button fill='outline' size='large' block className='gh-activity-manage__keep' onClick={() => setOpen(false)}>
              不取消
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
}

/** At the door: scan the 会员码 the member shows (or type its 12 digits); each check-in answers at once. */
function CheckIn({ a, onDone }: { a: StaffActivityView; onDone: () => void }) {
  const [welcome, setWelcome] = useState<string | null>(null);
  return (
    <View className='gh-card gh-checkin'>
      <View className='gh-section-title'>现场签到</View>
      <CodeEntry
        kind={MEMBER_CODE}
        cls='gh-checkin'
        scanLabel='扫描会员码签到'
        submitLabel='签到'
        onEdit={() => setWelcome(null)}
        onSubmit={async (code) => {
          const e = await call(api.checkIn, { params: { id: a.id }, body: { code }, toast: false });
          setWelcome(`${e.memberName}（${e.memberNo}）签到成功`);
          onDone();
        }}
      />
      {welcome ? (
        <View className='gh-checkin__result' role='status'>
          <Text>{welcome}</Text>
        </View>
      ) : null}
    </View>
  );
}
