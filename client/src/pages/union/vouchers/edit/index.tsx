import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { batchStatusLabels, batchWindow, type VoucherBatchAdminView } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { serverNow, useServerClock } from '../../../../stores/server-clock';
import { PageShell, HeaderBand } from '../../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../../components/StatusView';
import { StatusBadge } from '../../../../components/StatusBadge';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { useFieldErrors } from '../../../../forms/useFieldErrors';
import { confirmDialog, toast } from '../../../../dialogs';
import { windowText } from '../../../../format';
import { BATCH_EDIT_PAGE, BATCH_STATS_PAGE, withQuery } from '../../../../routes';
import { BATCH_ERROR_FIELDS, BATCH_FIELDS, batchInputOf, blankForm, fieldOf, formOf, publishedPatchOf, type BatchForm } from './model';
import { BatchPreview } from './Preview';
import { FaceFields } from './FaceFields';
import { ScopeFields } from './ScopeFields';
import { TimeFields } from './TimeFields';
import { LotteryFields } from './LotteryFields';
import type { SectionProps } from './parts';
import './index.scss';

/** What the form cannot change, said once at its top. */
function Notice({ readOnly, published }: { readOnly: VoucherBatchAdminView | null; published: VoucherBatchAdminView | null }) {
  if (readOnly) {
    return (
      <View className='gh-batch-edit__notice gh-batch-edit__readonly'>
        <View className='gh-batch-edit__notice-head'>
          <StatusBadge status={readOnly.status} />
          <Text className='gh-batch-edit__notice-title'>这批券您只能查看</Text>
        </View>
        <View className='gh-batch-edit__notice-hint'>
          {readOnly.status === 'draft' ? '发布和修改' : '修改和停发'}需要{readOnly.audience.unionName}管理员。如需修改，请联系管理员。
        </View>
      </View>
    );
  }
  if (!published) return null;
  return (
    <View className='gh-batch-edit__notice'>
      <View className='gh-batch-edit__notice-head'>
        <StatusBadge status={published.status} />
        <Text className='gh-batch-edit__notice-title'>已发布的工惠券不能修改面额、类型和领取时间</Text>
      </View>
      <View className='gh-batch-edit__notice-hint'>可以修改名称、使用说明、发放总量和可用商户，保存后会员立即看到。</View>
    </View>
  );
}

export default function BatchEditPage() {
  const router = useRouter();
  const routeId = router.params.id;
  const signedIn = useRequireLogin(withQuery(BATCH_EDIT_PAGE, { id: routeId }));
  const [savedId, setSavedId] = useState<string | undefined>(routeId);
  /** null until the batch (or, for a new one, the unions) has filled it. */
  const [form, setForm] = useState<BatchForm | null>(null);
  const { errors, clear, mark, fail } = useFieldErrors(BATCH_FIELDS);
  const [saving, setSaving] = useState<'draft' | 'publish' | 'changes' | null>(null);

  const loaded = useResource(
    async () => {
      const [u, m, b] = await Promise.all([
        call(api.listUnions, { toast: false }),
        call(api.listMerchants, { toast: false }),
        routeId ? call(api.getBatch, { params: { id: routeId }, toast: false }) : Promise.resolve(null),
      ]);
      return { unions: u.data, merchants: m.data.filter((x) => x.active), batch: b };
    },
    [routeId],
    { enabled: signedIn },
  );
  const data = loaded.status === 'ready' ? loaded.data : null;
  useEffect(() => {
    if (!data) return;
    setForm((f) => (data.batch ? formOf(data.batch, serverNow()) : { ...(f ?? blankForm(serverNow())), unionId: f?.unionId || (data.unions[0]?.id ?? '') }));
  }, [data]);

  const set: SectionProps['set'] = (key, value) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    const field = fieldOf(key);
    if (field) clear(field);
  };

  const unions = data?.unions ?? [];
  const merchants = data?.merchants ?? [];
  const batch = data?.batch ?? null;
  const unionName = unions.find((u) => u.id === form?.unionId)?.name ?? batch?.audience.unionName ?? '';
  const published = batch && (batch.status === 'scheduled' || batch.status === 'open') ? batch : null;
  const locked = batch && (batch.status === 'ended' || batch.status === 'closed') ? batch : null;
  const readOnly = batch && !locked && !batch.abilities.update ? batch : null;
  const fixed = published !== null || readOnly !== null;
  // Publishing needs an admin over the audience union (the server's abilities): the loaded batch
  // says so for its own union; for a new batch or another union, the union's admin ability does.
  const selectedUnion = unions.find((u) => u.id === form?.unionId);
  const canPublish = batch && batch.audience.unionId === form?.unionId ? batch.abilities.publish : (selectedUnion?.abilities.manage ?? false);

  const backToStats = (id: string) => {
    const pages = Taro.getCurrentPages();
    const previous = pages[pages.length - 2];
    if (previous && (previous.route ?? previous.path ?? '').includes(BATCH_STATS_PAGE.slice(1))) void Taro.navigateBack();
    else void Taro.redirectTo({ url: withQuery(BATCH_STATS_PAGE, { id }) });
  };

  const save = async (publish: boolean) => {
    if (!form) return;
    // Time checks (window already over) only with the server's clock; otherwise the server judges.
    const now = useServerClock.getState().synced ? serverNow() : new Date(0);
    const r = batchInputOf(form, now);
    if (!r.ok) {
      mark(r.fieldErrors);
      toast('请检查标红的项目');
      return;
    }
    mark({});
    const input = r.data;
    if (publish) {
      const w = batchWindow(input.schedule);
      const ok = await confirmDialog({
        title: '发布这批工惠券？',
        content: `会员将于${windowText(w.startsAt.toISOString(), w.endsAt.toISOString())}领取，共${input.stockTotal}张。发布后面额、类型和领取时间不能再修改。`,
        confirmText: '确认发布',
      });
      if (!ok) return;
    }
    setSaving(publish ? 'publish' : 'draft');
    try {
      const saved = savedId
        ? await call(api.updateBatch, { params: { id: savedId }, body: input, toast: false })
        : await call(api.createBatch, { body: input, toast: false });
      setSavedId(saved.id);
      if (publish) {
        const done = await call(api.publishBatch, { params: { id: saved.id }, toast: false });
        toast('已发布', 'success');
        void Taro.redirectTo({ url: withQuery(BATCH_STATS_PAGE, { id: done.id }) });
      } else {
        toast('草稿已保存', 'success');
      }
    } catch (error) {
      fail(error, { codes: BATCH_ERROR_FIELDS });
    } finally {
      setSaving(null);
    }
  };

  const saveChanges = async (b: VoucherBatchAdminView) => {
    if (!form) return;
    const r = publishedPatchOf(form, b);
    if (!r.ok) {
      mark(r.fieldErrors);
      toast('请检查标红的项目');
      return;
    }
    mark({});
    if (!r.patch) {
      toast('没有修改');
      return;
    }
    setSaving('changes');
    try {
      await call(api.updateBatch, { params: { id: b.id }, body: r.patch, toast: false });
      toast('修改已保存', 'success');
      backToStats(b.id);
    } catch (error) {
      fail(error, { codes: BATCH_ERROR_FIELDS });
    } finally {
      setSaving(null);
    }
  };

  const section: SectionProps | null = form ? { form, set, errors, published, readOnly, fixed } : null;

  return (
    <PageShell wide staffOnly className='gh-batch-edit'>
      <HeaderBand
        title={readOnly ? '查看工惠券' : published ? '修改已发布的工惠券' : routeId ? '编辑工惠券草稿' : '新建工惠券'}
        subtitle={
          readOnly
            ? `这批券由${readOnly.audience.unionName}管理员修改，您可以查看`
            : published
              ? '可修改名称、使用说明、发放总量和可用商户'
              : '填写面额、数量、发放范围和领取时间；预览随填写实时显示会员看到的券'
        }
      />
      {loaded.status === 'loading' || loaded.status === 'idle' || (data && !form && !locked) ? (
        <View className='gh-card gh-card--overlap'>
          <LoadingView />
        </View>
      ) : null}
      {loaded.status === 'error' ? (
        <View className='gh-card gh-card--overlap'>
          <ErrorView error={loaded.error} onRetry={() => void loaded.reload()} />
        </View>
      ) : null}
      {locked ? (
        <View className='gh-card gh-card--overlap'>
          <EmptyView
            title={`这批券${batchStatusLabels[locked.status]}，不能再修改`}
            hint='已结束或停发的工惠券不能再修改；已领取的券在有效期内仍可使用。'
            action={
              <Button type='primary' block onClick={() => void Taro.redirectTo({ url: withQuery(BATCH_STATS_PAGE, { id: locked.id }) })}>
                查看实况
              </Button>
            }
          />
          <View className='gh-batch-edit__status'>
            <StatusBadge status={locked.status} />
          </View>
        </View>
      ) : null}

      {section && data && !locked ? (
        <View className='gh-batch-edit__layout'>
          <View className='gh-card gh-batch-edit__form'>
            <Notice readOnly={readOnly} published={published} />
            <FaceFields {...section} />
            <ScopeFields {...section} unions={unions} unionName={unionName} merchants={merchants} />
            <TimeFields {...section} />
            <LotteryFields {...section} />

            {readOnly ? (
              <View className='gh-batch-edit__actions'>
                <Button type='primary' size='large' className='gh-batch-edit__back' onClick={() => backToStats(readOnly.id)}>
                  查看领取与核销实况
                </Button>
              </View>
            ) : published ? (
              <View className='gh-batch-edit__actions'>
                <Button fill='outline' size='large' disabled={saving !== null} className='gh-batch-edit__cancel' onClick={() => backToStats(published.id)}>
                  取消
                </Button>
                <Button type='primary' size='large' loading={saving === 'changes'} disabled={saving !== null} className='gh-batch-edit__save-changes' onClick={() => void saveChanges(published)}>
                  保存修改
                </Button>
              </View>
            ) : (
              <View className='gh-batch-edit__actions'>
                <Button
                  type={canPublish ? 'default' : 'primary'}
                  fill={canPublish ? 'outline' : 'solid'}
                  size='large'
                  loading={saving === 'draft'}
                  disabled={saving !== null}
                  className='gh-batch-edit__save'
                  onClick={() => void save(false)}
                >
                  保存草稿
                </Button>
                {canPublish ? (
                  <Button type='primary' size='large' loading={saving === 'publish'} disabled={saving !== null} className='gh-batch-edit__publish' onClick={() => void save(true)}>
                    发布
                  </Button>
                ) : null}
              </View>
            )}
            {!readOnly && !published && !canPublish ? (
              <View className='gh-batch-edit__publish-note'>发布需要{unionName || '发放工会'}管理员：保存草稿后，请联系管理员发布。</View>
            ) : null}
          </View>
          <View className='gh-batch-edit__side'>
            <BatchPreview
              form={section.form}
              unionName={unionName}
              claimed={(published ?? readOnly)?.stockClaimed ?? 0}
              note={
                readOnly
                  ? '会员看到的就是这样。'
                  : published
                    ? '预览随填写实时更新；保存后会员立即看到新的名称、说明和数量。'
                    : '预览随填写实时更新；保存为草稿后，发布前会员看不到。'
              }
            />
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
