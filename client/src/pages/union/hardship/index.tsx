import { useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  archiveCategoryLabels,
  archiveStatusLabels,
  exitWayLabels,
  formatShanghai,
  hardshipApplicationStatusLabels,
  importSourceLabels,
  shanghaiDate,
  type HardshipApplicationStatus,
  type HardshipMemberView,
  type ImportResult,
  type ImportSourceKind,
  type ReliefFileView,
} from '@gonghui/shared';
import { api, call, downloadExport, newIdempotencyKey } from '../../../api';
import { KeyRing } from '../../../api/keyring';
import { Chips, FormRow, PickerField } from '../../../components/Form';
import { serverNow } from '../../../stores/server-clock';
import { ApplyForm } from '../../../components/hardship/ApplyForm';
import { CategoryTags, yuan } from '../../../components/hardship/parts';
import { ConsentCheck } from '../../../components/ConsentCheck';
import { ReliefRow } from '../../../components/hardship/ReliefRow';
import { HeaderBand, PageShell } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { toast } from '../../../dialogs';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { STAFF_HARDSHIP_APPLICATION_PAGE, STAFF_HARDSHIP_ARCHIVE_PAGE, STAFF_HARDSHIP_PAGE, STAFF_HARDSHIP_SETTINGS_PAGE, withQuery } from '../../../routes';
import { pressable } from '../../account/shared/pressable';

type Tab = 'applications' | 'archive' | 'relief' | 'discovery';
const TABS: { key: Tab; label: string }[] = [
  { key: 'applications', label: '建档审核' },
  { key: 'archive', label: '困难职工档案' },
  { key: 'relief', label: '帮扶发放' },
  { key: 'discovery', label: '主动发现' },
];

/** Staff file for a member who cannot (no phone, at the union's office), with the member's signed paper consent. */
function FileForMember({ onDone }: { onDone: () => void }) {
  const [memberNo, setMemberNo] = useState('');
  const [found, setFound] = useState<HardshipMemberView | null>(null);
  const [paper, setPaper] = useState(false);
  // the date written on the signed paper (Asia/Shanghai, the server's day): today unless staff pick another
  const [signedOn, setSignedOn] = useState('');
  const today = shanghaiDate(serverNow());
  const [busy, setBusy] = useState(false);
  const find = async () => {
    if (memberNo.trim().length < 4) return toast('请输入会员号');
    setBusy(true);
    try {
      setFound(await call(api.findHardshipMember, { query: { memberNo: memberNo.trim() } }));
      setPaper(false);
      setSignedOn('');
    } catch {
      setFound(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-hs-block gh-hs-file'>
      <View className='gh-section-title'>代职工申请</View>
      <FormRow label='会员号' hint='本级及下级工会的会员'>
        <Input className='gh-input gh-hs-file__no' placeholder='例如：HZ10000001' maxLength={20} value={memberNo} onChange={setMemberNo} />
      </FormRow>
      <Button type='primary' fill='outline' disabled={busy} className='gh-hs-file__find' onClick={() => void find()}>
        查找会员
      </Button>
      {found ? (
        <View className='gh-hs-file__member'>
          <View className='gh-hs-row__title'>
            {found.name} · {found.unionName} · 身份证 {found.idNumberMasked}
          </View>
          {found.archived ? <View className='gh-hs-row__meta'>该职工已在困难职工档案中。</View> : null}
          {found.openApplication ? <View className='gh-hs-row__meta'>该职工已有一份待审核的申请。</View> : null}
          {!found.archived && !found.openApplication ? (
            <>
              <ConsentCheck checked={paper} onChange={setPaper} className='gh-hs-file__paper'>
                已向职工说明敏感个人信息的处理目的和方式，并取得职工本人签署的书面同意
              </ConsentCheck>
              <FormRow label='书面同意的签署日期' hint='按纸面填写；职工曾在线撤回同意的，须是撤回之后重新签署的日期'>
                <PickerField mode='date' value={signedOn || today} end={today} onChange={setSignedOn} className='gh-hs-file__signed-on' />
              </FormRow>
              <ApplyForm
                thresholds={found.thresholds}
                before={() => (paper ? null : '请先确认已取得职工书面同意')}
                submit={async (body, idempotencyKey) => {
                  await call(api.applyHardshipForMember, { params: { id: found.memberId }, body: { ...body, paperConsent: true, paperConsentSignedOn: signedOn || today }, idempotencyKey });
                  toast('已代为提交', 'success');
                  setFound(null);
                  setMemberNo('');
                  onDone();
                }}
              />
            </>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

function Applications() {
  const [status, setStatus] = useState<HardshipApplicationStatus | 'all'>('submitted');
  const state = useResource(() => call(api.staffHardshipApplications, { query: status === 'all' ? {} : { status }, toast: false }), [status]);
  const filters = [{ key: 'submitted' as const, label: '待审核' }, { key: 'more_info' as const, label: '需补充' }, { key: 'all' as const, label: '全部' }];
  const [filing, setFiling] = useState(false);
  return (
    <>
      {filing ? (
        <FileForMember
          onDone={() => {
            setFiling(false);
            void state.reload(true);
          }}
        />
      ) : null}
      <View className='gh-card gh-hs-block gh-hs-applications'>
      <View className='gh-hs-actions gh-hs-applications__tools'>
        <Chips options={filters} value={status} onChange={setStatus} label='申请状态' />
        {!filing ? (
          <Button type='primary' fill='outline' className='gh-hs-file__open' onClick={() => setFiling(true)}>
            代职工申请
          </Button>
        ) : null}
      </View>
      {state.status === 'loading' ? <LoadingView /> : null}
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
      {state.status === 'ready' && state.data.data.length === 0 ? <EmptyView title='没有待处理的申请' hint='职工提交困难职工建档申请后会出现在这里。' /> : null}
      {state.status === 'ready'
        ? state.data.data.map((a) => (
            <View key={a.id} className='gh-hs-row gh-hs-app-row' {...pressable(null, () => openPage(withQuery(STAFF_HARDSHIP_APPLICATION_PAGE, { id: a.id })), { role: 'link' })}>
              <View className='gh-hs-row__main'>
                <View className='gh-hs-row__title'>
                  {a.memberName} · {hardshipApplicationStatusLabels[a.status]}
                </View>
                <View className='gh-hs-row__meta'>
                  {a.unionName} · {formatShanghai(a.submittedAt, true)} · 家庭 {a.householdSize} 人{a.filedByStaff ? ' · 工会代为提交' : ''}
                  {a.consentWithdrawn ? ' · 已撤回同意' : ''}
                </View>
                <View className='gh-hs-row__meta'>
                  初步判断：<CategoryTags groups={a.computedGroups} />
                </View>
              </View>
              <Text className='gh-hs-row__go'>审核 ›</Text>
            </View>
          ))
        : null}
    </View>
    </>
  );
}

function Archive() {
  const [filter, setFilter] = useState<'active' | 'due' | 'exited'>('active');
  const state = useResource(() => call(api.hardshipArchive, { query: filter === 'due' ? { due: '1' } : { status: filter }, toast: false }), [filter]);
  const filters = [{ key: 'active' as const, label: '在档' }, { key: 'due' as const, label: '待年度复核' }, { key: 'exited' as const, label: '已脱困' }];
  return (
    <View className='gh-card gh-hs-block gh-hs-archive-list'>
      <Chips options={filters} value={filter} onChange={setFilter} label='档案筛选' />
      {state.status === 'loading' ? <LoadingView /> : null}
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
      {state.status === 'ready' && state.data.data.length === 0 ? <EmptyView title='没有符合条件的档案' hint='审核通过的申请会建立困难职工档案。' /> : null}
      {state.status === 'ready'
        ? state.data.data.map((a) => (
            <View key={a.id} className='gh-hs-row gh-hs-archive-row' {...pressable(null, () => openPage(withQuery(STAFF_HARDSHIP_ARCHIVE_PAGE, { id: a.id })), { role: 'link' })}>
              <View className='gh-hs-row__main'>
                <View className='gh-hs-row__title'>
                  {a.memberName} · {archiveCategoryLabels[a.category]} · {archiveStatusLabels[a.status]}
                </View>
                <View className='gh-hs-row__meta'>
                  {a.unionName} · 会员号 {a.memberNo}
                  {a.status === 'active' ? ` · 复核日期 ${a.recheckDue}` : ''}
                  {a.exitWay ? ` · ${a.exitDate} ${exitWayLabels[a.exitWay]}` : ''}
                </View>
                {a.due ? <Text className='gh-hs-tag gh-hs-tag--warn'>待复核</Text> : null}
              </View>
              <Text className='gh-hs-row__go'>查看 ›</Text>
            </View>
          ))
        : null}
    </View>
  );
}

function Relief() {
  const state = useResource(() => call(api.reliefs, { query: {}, toast: false }), []);
  const [busy, setBusy] = useState(false);
  // making a bank file moves money: one Idempotency-Key per format until the server answers
  const keys = useRef(new KeyRing(newIdempotencyKey));
  const exportFile = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    try {
      let f: ReliefFileView;
      try {
        f = await call(api.exportReliefs, { body: { format }, idempotencyKey: keys.current.take(format) });
        keys.current.settle(format);
      } catch (e) {
        keys.current.settle(format, e);
        throw e;
      }
      await downloadExport(api.reliefFile, { params: { id: f.id }, filename: `帮扶资金代发.${format}` });
      toast(`已导出${f.paymentCount}笔，合计${yuan(f.totalFen)}`, 'success');
      void state.reload(true);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-hs-block gh-hs-relief'>
      <View className='gh-muted'>资金帮扶复核通过后导出银行代发文件，银行支付后再点“确认已发放”。导出文件含完整银行卡号，每次导出都会记入职工可见的查看记录。</View>
      <View className='gh-hs-actions'>
        <Button type='primary' fill='outline' disabled={busy} className='gh-hs-export-xlsx' onClick={() => void exportFile('xlsx')}>
          导出代发文件（Excel）
        </Button>
        <Button type='primary' fill='outline' disabled={busy} className='gh-hs-export-csv' onClick={() => void exportFile('csv')}>
          导出代发文件（CSV）
        </Button>
      </View>
      {state.status === 'loading' ? <LoadingView /> : null}
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
      {state.status === 'ready' && state.data.data.length === 0 ? <EmptyView title='还没有帮扶记录' hint='在困难职工档案中登记帮扶。' /> : null}
      {state.status === 'ready' ? state.data.data.slice(0, 60).map((r) => <ReliefRow key={r.id} r={r} onChanged={() => void state.reload(true)} />) : null}
    </View>
  );
}

const KINDS = (['medical', 'dibao', 'work_injury', 'disability'] as const).map((k) => ({ key: k, label: importSourceLabels[k] }));

function Discovery() {
  const sources = useResource(() => call(api.hardshipSources, { toast: false }), []);
  const found = useResource(() => call(api.hardshipDiscoveries, { toast: false }), []);
  const [kind, setKind] = useState<ImportSourceKind>('medical');
  const current = sources.status === 'ready' ? sources.data.data.find((s) => s.kind === kind) : undefined;
  const [m, setM] = useState({ name: '', idNumber: '', personName: '', amount: '', period: '' });
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<{ line: number; message: string }[]>([]);
  const [busy, setBusy] = useState(false);

  const saveMapping = async () => {
    setBusy(true);
    try {
      await call(api.saveHardshipSource, {
        params: { kind },
        body: { name: m.name.trim(), mapping: { idNumber: m.idNumber.trim(), name: m.personName.trim(), ...(m.amount.trim() ? { amount: m.amount.trim() } : {}), ...(m.period.trim() ? { period: m.period.trim() } : {}) } },
      });
      toast('已保存列对应关系', 'success');
      void sources.reload(true);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };
  const runImport = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const r = await call(api.importHardshipSource, { params: { kind }, body: { fileName: `${importSourceLabels[kind]}.csv`, csv }, toast: false });
      setResult(r);
      void found.reload(true);
      void sources.reload(true);
    } catch (e) {
      const issues = (e as { details?: { issues?: { line: number; message: string }[] } }).details?.issues;
      if (issues) setErrors(issues);
      else toast((e as Error).message || '导入失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className='gh-card gh-hs-block gh-hs-import'>
        <View className='gh-section-title'>导入部门推送名单</View>
        <FormRow label='名单来源'>
          <Chips
            options={KINDS}
            value={kind}
            onChange={(k) => {
              setKind(k);
              setResult(null);
              setErrors([]);
            }}
            label='名单来源'
          />
        </FormRow>
        {current ? (
          <View className='gh-muted gh-hs-mapping'>
            {current.name}：身份证号列「{current.mapping.idNumber}」，姓名列「{current.mapping.name}」{current.mapping.amount ? `，金额列「${current.mapping.amount}」` : ''}
            {current.mapping.period ? `，年度列「${current.mapping.period}」` : ''}
            {current.imports[0] ? ` · 最近导入 ${formatShanghai(current.imports[0].importedAt, true)}（${current.imports[0].rowCount}行）` : ''}
          </View>
        ) : (
          <View className='gh-hs-mapping-form'>
            <View className='gh-muted'>首次导入该来源，请先设置列对应关系（只需设置一次）。</View>
            <FormRow label='来源单位'>
              <Input className='gh-input' placeholder='例如：吴兴区医疗保障局' value={m.name} onChange={(v) => setM({ ...m, name: v })} />
            </FormRow>
            <FormRow label='身份证号所在列'>
              <Input className='gh-input' placeholder='表头文字，如：身份证号' value={m.idNumber} onChange={(v) => setM({ ...m, idNumber: v })} />
            </FormRow>
            <FormRow label='姓名所在列'>
              <Input className='gh-input' placeholder='表头文字，如：姓名' value={m.personName} onChange={(v) => setM({ ...m, personName: v })} />
            </FormRow>
            <FormRow label='金额所在列（元）' hint='医保自付费用名单需要'>
              <Input className='gh-input' placeholder='选填' value={m.amount} onChange={(v) => setM({ ...m, amount: v })} />
            </FormRow>
            <FormRow label='年度所在列'>
              <Input className='gh-input' placeholder='选填' value={m.period} onChange={(v) => setM({ ...m, period: v })} />
            </FormRow>
            <Button type='primary' disabled={busy} className='gh-hs-save-mapping' onClick={() => void saveMapping()}>
              保存列对应关系
            </Button>
          </View>
        )}
        {current ? (
          <>
            <FormRow label='CSV 内容' hint='用表格软件另存为 CSV（UTF-8）后，把内容粘贴到这里；有错误的行会逐行列出，整份文件不会导入'>
              <TextArea className='gh-input gh-input--area gh-hs-csv' placeholder='第一行为表头' maxLength={2_000_000} value={csv} onChange={setCsv} />
            </FormRow>
            <Button type='primary' disabled={busy || !csv.trim()} className='gh-hs-run-import' onClick={() => void runImport()}>
              导入
            </Button>
          </>
        ) : null}
        {errors.length ? (
          <View className='gh-hs-errors' role='alert'>
            <View className='gh-hs-row__title'>文件有错误，未导入任何数据：</View>
            {errors.map((e) => (
              <View key={e.line} className='gh-hs-row__meta'>
                第 {e.line} 行：{e.message}
              </View>
            ))}
          </View>
        ) : null}
        {result ? (
          <View className='gh-hs-result' role='status'>
            {result.alreadyImported ? '这份文件已经导入过，没有新增数据。' : `共 ${result.rows} 行，新增 ${result.newRows} 行（重复的人员未重复记录）。`}
          </View>
        ) : null}
      </View>
      <View className='gh-card gh-hs-block gh-hs-discoveries'>
        <View className='gh-section-title'>可能符合条件、尚未建档的会员</View>
        {found.status === 'loading' ? <LoadingView /> : null}
        {found.status === 'error' ? <ErrorView error={found.error} onRetry={() => void found.reload()} /> : null}
        {found.status === 'ready' && found.data.data.length === 0 ? <EmptyView title='暂无发现' hint='导入部门推送的名单后，这里列出需要主动联系的会员。' /> : null}
        {found.status === 'ready'
          ? found.data.data.map((d) => (
              <View key={d.memberId} className='gh-hs-row gh-hs-discovery'>
                <View className='gh-hs-row__main'>
                  <View className='gh-hs-row__title'>
                    {d.memberName} · {d.unionName}
                  </View>
                  <View className='gh-hs-row__meta'>{d.reason}</View>
                </View>
              </View>
            ))
          : null}
      </View>
    </>
  );
}

/** Staff with the 困难职工帮扶 duty: review, the archive with its re-checks, relief, proactive discovery. */
export default function StaffHardshipPage() {
  const router = useRouter();
  const signedIn = useRequireLogin(STAFF_HARDSHIP_PAGE);
  const [tab, setTab] = useState<Tab>((router.params.tab as Tab) || 'applications');
  return (
    <PageShell wide staffOnly className='gh-staff-hardship'>
      <HeaderBand title='困难职工帮扶' subtitle='建档审核、年度复核与脱困、帮扶资金实名发放、主动发现' />
      <View className='gh-card gh-card--overlap gh-toolbar'>
        <Chips options={TABS} value={tab} onChange={setTab} label='功能' className='gh-hs-tabs' />
        <Button fill='outline' className='gh-hs-settings__open' onClick={() => openPage(STAFF_HARDSHIP_SETTINGS_PAGE)}>
          帮扶标准
        </Button>
      </View>
      {signedIn && tab === 'applications' ? <Applications /> : null}
      {signedIn && tab === 'archive' ? <Archive /> : null}
      {signedIn && tab === 'relief' ? <Relief /> : null}
      {signedIn && tab === 'discovery' ? <Discovery /> : null}
    </PageShell>
  );
}
