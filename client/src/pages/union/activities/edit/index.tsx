import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { ACTIVITY_CATEGORIES, ActivityInput, ActivityUpdate, activityCategoryLabels, activityProblems, memberTagLabels, MemberTag, shanghaiDate, shanghaiParts, type ActivityCategory, type StaffActivityView } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { Chips, FormRow, PickerField, SelectField } from '../../../../components/Form';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../../components/StatusView';
import { Toggle } from '../../../../components/Toggle';
import { toast } from '../../../../dialogs';
import { useFieldErrors } from '../../../../forms/useFieldErrors';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { STAFF_ACTIVITY_EDIT_PAGE, STAFF_ACTIVITY_PAGE, withQuery } from '../../../../routes';
import { pressable } from '../../../account/shared/pressable';
import { Fact } from '../../../../components/wishes/WishParts';

const FIELDS = ['title', 'category', 'description', 'place', 'startsAt', 'endsAt', 'capacity', 'signupStartsAt', 'signupEndsAt', 'cancelDeadline', 'audience', 'waitlist'] as const;
type Field = (typeof FIELDS)[number];
const CATEGORIES = ACTIVITY_CATEGORIES.map((c) => ({ key: c, label: activityCategoryLabels[c] }));
const TAGS = MemberTag.options.map((t) => ({ key: t, label: memberTagLabels[t] }));
const DAY = 86400_000;
const dateIn = (days: number) => shanghaiDate(new Date(Date.now() + days * DAY));
/** A Shanghai date and time as the API's instant. */
const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

interface Values {
  title: string;
  category: ActivityCategory | '';
  description: string;
  place: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  capacity: string;
  signupStartDate: string;
  signupStartTime: string;
  signupEndDate: string;
  signupEndTime: string;
  cancelDate: string;
  cancelTime: string;
  unionIndex: number;
  tags: MemberTag[];
  waitlist: boolean;
}

function initial(title: string): Values {
  return {
    title,
    category: title ? 'public_class' : '',
    description: '',
    place: '',
    startDate: dateIn(7),
    startTime: '14:00',
    endDate: dateIn(7),
    endTime: '16:00',
    capacity: '30',
    signupStartDate: dateIn(0),
    signupStartTime: '00:00',
    signupEndDate: dateIn(6),
    signupEndTime: '18:00',
    cancelDate: dateIn(6),
    cancelTime: '12:00',
    unionIndex: 0,
    tags: [],
    waitlist: true,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clockOf = (iso: string) => {
  const p = shanghaiParts(new Date(iso));
  return `${pad(p.hour)}:${pad(p.minute)}`;
};
const dayOf = (iso: string) => shanghaiDate(new Date(iso));

/** The form filled from a published activity, to change it. */
function valuesOf(a: StaffActivityView): Values {
  return {
    title: a.title,
    category: a.category,
    description: a.description,
    place: a.place,
    startDate: dayOf(a.startsAt),
    startTime: clockOf(a.startsAt),
    endDate: dayOf(a.endsAt),
    endTime: clockOf(a.endsAt),
    capacity: String(a.capacity),
    signupStartDate: dayOf(a.signupStartsAt),
    signupStartTime: clockOf(a.signupStartsAt),
    signupEndDate: dayOf(a.signupEndsAt),
    signupEndTime: clockOf(a.signupEndsAt),
    cancelDate: dayOf(a.cancelDeadline),
    cancelTime: clockOf(a.cancelDeadline),
    unionIndex: 0,
    tags: a.audienceTags,
    waitlist: a.waitlist,
  };
}

/** 发布活动, (`?id=`) change a published one, or (`?topicId=`) schedule a 你点我送 topic as an activity: its voters are told. */
export default function ActivityEditPage() {
  const params = useRouter().params;
  const topicId = params.topicId;
  const editId = params.id;
  const preferredUnion = params.unionId;
  const signedIn = useRequireLogin(withQuery(STAFF_ACTIVITY_EDIT_PAGE, { topicId, id: editId }));
  const [v, setV] = useState<Values>(() => initial(params.title ? decodeURIComponent(params.title) : ''));
  const existing = useResource(
    async () => {
      const a = await call(api.staffActivity, { params: { id: editId! }, toast: false });
      setV(valuesOf(a));
      return a;
    },
    [editId],
    { enabled: signedIn && !!editId },
  );
  const unions = useResource(
    async () => {
      const list = (await call(api.listUnions, { toast: false })).data;
      const preferred = list.findIndex((u) => u.id === preferredUnion);
      if (preferred >= 0) setV((x) => ({ ...x, unionIndex: preferred }));
      return list;
    },
    [preferredUnion],
    { enabled: signedIn && !editId },
  );
  const { errors, clear, check, mark, fail } = useFieldErrors(FIELDS);
  const [sending, setSending] = useState(false);
  const change = (patch: Partial<Values>, field: Field) => {
    setV((x) => ({ ...x, ...patch }));
    clear(field);
  };

  const submit = async () => {
    if (sending || (editId ? existing.status !== 'ready' : unions.status !== 'ready')) return;
    const union = unions.status === 'ready' ? unions.data[v.unionIndex] : undefined;
    const raw = {
      title: v.title,
      category: v.category || undefined,
      description: v.description,
      place: v.place,
      startsAt: at(v.startDate, v.startTime),
      endsAt: at(v.endDate, v.endTime),
      capacity: Number(v.capacity),
      signupStartsAt: at(v.signupStartDate, v.signupStartTime),
      signupEndsAt: at(v.signupEndDate, v.signupEndTime),
      cancelDeadline: at(v.cancelDate, v.cancelTime),
      audience: { unionId: union?.id, tags: v.tags },
      waitlist: v.waitlist,
    };
    const { audience, ...form } = raw;
    const body = editId ? check(ActivityUpdate, form) : check(ActivityInput, { ...form, audience });
    if (!body) return;
    const problems = activityProblems({
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      signupStartsAt: new Date(body.signupStartsAt),
      signupEndsAt: new Date(body.signupEndsAt),
      cancelDeadline: new Date(body.cancelDeadline),
      capacity: body.capacity,
    });
    if (problems.length && mark(problems.reduce<Record<string, string>>((all, p) => ({ ...all, [p.path]: p.message }), {}))) return;
    setSending(true);
    try {
      const a = editId
        ? await call(api.updateActivity, { params: { id: editId }, body, toast: false })
        : topicId
          ? await call(api.scheduleTopic, { params: { id: topicId }, body: body as ActivityInput, toast: false })
          : await call(api.createActivity, { body: body as ActivityInput, toast: false });
      toast(editId ? '已保存' : topicId ? '已安排，投票的职工会收到通知' : '活动已发布', 'success');
      // a change returns to the activity it came from (which reloads when shown); a new one opens its page
      if (editId && Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.redirectTo({ url: withQuery(STAFF_ACTIVITY_PAGE, { id: a.id }) });
    } catch (e) {
      fail(e);
    } finally {
      setSending(false);
    }
  };

  const when = (label: string, date: keyof Values, time: keyof Values, field: Field, hint?: string) => (
    <FormRow label={label} error={errors[field]} hint={hint}>
      <View className='gh-inline gh-activity-edit__when'>
        <PickerField mode='date' value={v[date] as string} onChange={(x) => change({ [date]: x } as Partial<Values>, field)} className={`gh-activity-edit__${String(date)}`} />
        <PickerField mode='time' value={v[time] as string} onChange={(x) => change({ [time]: x } as Partial<Values>, field)} className={`gh-activity-edit__${String(time)}`} />
      </View>
    </FormRow>
  );

  return (
    <PageShell wide staffOnly className='gh-activity-edit'>
      <HeaderBand
        title={editId ? '修改活动' : topicId ? '安排“你点我送”课程' : '发布活动'}
        subtitle={editId ? '改了时间或地点，已报名和候补的会员会收到通知；名额不能少于已报名人数' : '发布后会员即可在“活动”里看到并报名；投票的职工会收到通知'}
      />
      {[unions, existing].map((r, i) => (r.status === 'loading' ? <LoadingView key={i} /> : r.status === 'error' ? <ErrorView key={i} error={r.error} onRetry={() => void r.reload()} /> : null))}
      {existing.status === 'ready' && !existing.data.editable ? (
        <View className='gh-card gh-card--overlap gh-muted gh-activity-edit__closed' role='alert'>
          活动已结束或已取消，不能再修改。
        </View>
      ) : null}
      {editId && (existing.status !== 'ready' || !existing.data.editable) ? null : (
      <View className='gh-card gh-card--overlap'>
        <FormRow label='活动名称' error={errors.title}>
          <Input className='gh-input gh-activity-edit__title' placeholder='2到40个字' maxLength={40} value={v.title} onChange={(x) => change({ title: x }, 'title')} />
        </FormRow>
        <FormRow label='活动类别' error={errors.category}>
          <Chips options={CATEGORIES} value={v.category as ActivityCategory} onChange={(c) => change({ category: c }, 'category')} label='活动类别' className='gh-activity-edit__category' />
        </FormRow>
        <FormRow label='活动介绍' error={errors.description}>
          <TextArea className='gh-input gh-input--area gh-activity-edit__description' placeholder='内容、老师、要带的东西' maxLength={1000} value={v.description} onChange={(x) => change({ description: x }, 'description')} />
        </FormRow>
        <FormRow label='地点' error={errors.place}>
          <Input className='gh-input gh-activity-edit__place' placeholder='例如：吴兴区职工服务中心三楼' maxLength={80} value={v.place} onChange={(x) => change({ place: x }, 'place')} />
        </FormRow>
        {when('开始', 'startDate', 'startTime', 'startsAt')}
        {when('结束', 'endDate', 'endTime', 'endsAt', '疗休养等多日活动选最后一天')}
        <FormRow label='名额' error={errors.capacity}>
          <View className='gh-inline'>
            <Input className='gh-input gh-activity-edit__capacity' type='number' maxLength={5} value={v.capacity} onChange={(x) => change({ capacity: x.replace(/\D/g, '') }, 'capacity')} />
            <Text className='gh-inline__unit'>人</Text>
          </View>
        </FormRow>
        {when('报名开始', 'signupStartDate', 'signupStartTime', 'signupStartsAt')}
        {when('报名截止', 'signupEndDate', 'signupEndTime', 'signupEndsAt', '不晚于活动开始')}
        {when('取消截止', 'cancelDate', 'cancelTime', 'cancelDeadline', '此后会员不能在线取消报名')}
        {existing.status === 'ready' ? (
          <Fact label='面向'>{`${existing.data.unionName}${v.tags.length ? `（只面向${v.tags.map((t) => memberTagLabels[t]).join('、')}）` : ''}，发布后不能修改`}</Fact>
        ) : (
          <>
            <FormRow label='面向工会' error={errors.audience} hint='该工会及下级工会的会员可以看到并报名'>
              {unions.status === 'ready' ? <SelectField items={unions.data} value={v.unionIndex} label={(u) => `${'　'.repeat(u.depth)}${u.name}`} onChange={(i) => change({ unionIndex: i }, 'audience')} className='gh-activity-edit__union' /> : <View />}
            </FormRow>
            <FormRow label='只面向' hint='不选则面向全部会员；选“劳模”则只有劳模会员能看到和报名'>
              <Chips options={TAGS} value={v.tags} onChange={(t) => change({ tags: v.tags.includes(t) ? v.tags.filter((x) => x !== t) : [...v.tags, t] }, 'audience')} label='只面向' className='gh-activity-edit__tags' />
            </FormRow>
          </>
        )}
        <FormRow label='候补' error={errors.waitlist} hint={v.waitlist ? '名额满后可以报名候补，有人取消时按顺序自动递补' : '名额满后不再接受报名'}>
          <View className='gh-activity-edit__waitlist gh-feedback__bypass' {...pressable('名额满后接受候补', () => change({ waitlist: !v.waitlist }, 'waitlist'), { role: 'switch', checked: v.waitlist })}>
            <Toggle on={v.waitlist} />
            <Text>{v.waitlist ? '接受候补' : '不设候补'}</Text>
          </View>
        </FormRow>
        <Button type='primary' block loading={sending} className='gh-activity-edit__submit' onClick={() => void submit()}>
          {editId ? '保存修改' : topicId ? '安排并通知投票职工' : '发布活动'}
        </Button>
      </View>
      )}
    </PageShell>
  );
}
