import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { DonorProfileInput, DonorProfileUpdate, type DonorProfileView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { Chips, FormRow } from '../../../components/Form';
import { Toggle } from '../../../components/Toggle';
import { useFieldErrors } from '../../../forms/useFieldErrors';
import { privacyAgreed } from '../../../privacy';
import { toast } from '../../../dialogs';
import { pressable } from '../../account/shared/pressable';

type Kind = 'individual' | 'enterprise';
const KINDS: { key: Kind; label: string }[] = [
  { key: 'individual', label: '个人' },
  { key: 'enterprise', label: '企业' },
];
const FIELDS = ['kind', 'displayName', 'enterpriseName', 'contactName', 'contactPhone', 'licenceNo', 'showName'] as const;

/**
 * 成为爱心人士: an individual (a name to show) or an enterprise (its licence checked by the city
 * federation). With `initial`, edits that profile: the kind stays, and an enterprise leaves its
 * phone and licence number blank to keep them.
 */
export function DonorForm({ onDone, initial }: { onDone: () => void; initial?: DonorProfileView }) {
  const [kind, setKind] = useState<Kind>(initial?.kind ?? 'individual');
  const [f, setF] = useState({
    displayName: initial?.kind === 'individual' ? initial.displayName : '',
    enterpriseName: initial?.enterpriseName ?? '',
    contactName: initial?.contactName ?? '',
    contactPhone: '',
    licenceNo: '',
  });
  const [showName, setShowName] = useState(initial?.showName ?? true);
  const editing = !!initial;
  const [sending, setSending] = useState(false);
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  const set = (key: keyof typeof f) => (v: string) => {
    setF((x) => ({ ...x, [key]: v }));
    clear(key);
  };
  const field = (key: keyof typeof f, label: string, placeholder: string, hint?: string) => (
    <FormRow label={label} error={errors[key]} hint={hint}>
      <Input className={`gh-input gh-donor-form__${key}`} placeholder={placeholder} value={f[key]} maxLength={60} onChange={set(key)} />
    </FormRow>
  );

  const submit = async () => {
    const values =
      kind === 'individual'
        ? { kind, displayName: f.displayName, showName }
        : { kind, enterpriseName: f.enterpriseName, contactName: f.contactName, contactPhone: f.contactPhone.trim() || (editing ? undefined : ''), licenceNo: f.licenceNo.trim() || undefined, showName };
    const body = editing ? check(DonorProfileUpdate, values) : check(DonorProfileInput, values);
    if (!body || sending) return;
    // The contact's phone is personal data: the mini-program's privacy guide first.
    if (kind === 'enterprise' && !(await privacyAgreed())) return;
    setSending(true);
    try {
      if (editing) await call(api.updateDonorProfile, { body, toast: false });
      else await call(api.createDonorProfile, { body: body as DonorProfileInput, toast: false });
      toast(editing ? '已保存' : '欢迎成为爱心人士', 'success');
      onDone();
    } catch (e) {
      fail(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <View className='gh-card gh-card--overlap gh-donor-form'>
      {editing ? null : (
        <FormRow label='身份' error={errors.kind}>
          <Chips options={KINDS} value={kind} onChange={setKind} label='爱心人士身份' className='gh-donor-form__kind' />
        </FormRow>
      )}
      {kind === 'individual' ? field('displayName', '称呼', '例如：陈女士', '职工看到的称呼；不想显示可在下面关闭') : null}
      {kind === 'enterprise' ? (
        <>
          {field('enterpriseName', '企业全称', '与营业执照一致')}
          {field('contactName', '联系人', '姓名')}
          {editing
            ? field('contactPhone', '联系电话', `现为${initial?.contactPhoneMasked ?? '未填写'}，不修改请留空`, '只有工会工作人员能看到（部分隐藏）')
            : field('contactPhone', '联系电话', '11位手机号', '只有工会工作人员能看到（部分隐藏）')}
          {editing
            ? field('licenceNo', '统一社会信用代码', `现为${initial?.licenceNoMasked ?? '未填写'}，不修改请留空`, '修改企业名称或代码后需要市总工会重新核验')
            : field('licenceNo', '统一社会信用代码', '18位，选填', '市总工会核验后，感谢墙上才显示企业名称')}
        </>
      ) : null}
      <FormRow label='公开显示' hint={showName ? '感谢墙上显示您的名称' : '显示为“爱心人士”'}>
        <View className='gh-donor-form__show' {...pressable('公开显示名称', () => setShowName(!showName), { role: 'switch', checked: showName })}>
          <Toggle on={showName} />
          <Text>{showName ? '显示名称' : '匿名'}</Text>
        </View>
      </FormRow>
      <Button type='primary' block loading={sending} className='gh-donor-form__submit' onClick={() => void submit()}>
        {editing ? '保存修改' : '成为爱心人士'}
      </Button>
    </View>
  );
}
