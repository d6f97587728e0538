import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { StaffWishInput, type MemberAdminView } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { PageShell, HeaderBand } from '../../../../components/PageShell';
import { FormRow } from '../../../../components/Form';
import { errorText } from '../../../../components/StatusView';
import { WISH_FIELDS, WishFields, emptyWish, wishBody, wishDateProblem, type WishField, type WishFormValues } from '../../../../components/wishes/WishForm';
import { useFieldErrors } from '../../../../forms/useFieldErrors';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { toast } from '../../../../dialogs';
import { STAFF_FILE_WISH_PAGE, STAFF_WISH_PAGE, withQuery } from '../../../../routes';
import { pressable } from '../../../account/shared/pressable';

const FIELDS = [...WISH_FIELDS, 'memberId'] as const;

/** Staff file a wish for a worker of their subtree who does not use a phone: find the member, then the wish. */
export default function FileWishPage() {
  useRequireLogin(STAFF_FILE_WISH_PAGE);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<MemberAdminView[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [member, setMember] = useState<MemberAdminView | null>(null);
  const [values, setValues] = useState<WishFormValues>(emptyWish());
  const [sending, setSending] = useState(false);
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);

  const search = async () => {
    setSearchError(null);
    try {
      setFound((await call(api.listMembers, { query: { q: q.trim(), status: 'active', limit: 10 }, toast: false })).data);
    } catch (e) {
      setSearchError(errorText(e));
    }
  };

  const submit = async () => {
    const body = check(StaffWishInput, { ...wishBody(values), memberId: member?.id, submit: true }, { extra: { ...wishDateProblem(values), ...(member ? {} : { memberId: '请先查找并选择职工' }) } });
    if (!body || sending) return;
    setSending(true);
    try {
      const w = await call(api.fileWish, { body, toast: false });
      toast('已代职工提交', 'success');
      void Taro.redirectTo({ url: withQuery(STAFF_WISH_PAGE, { id: w.id }) });
    } catch (e) {
      fail(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <PageShell wide staffOnly className='gh-file-wish'>
      <HeaderBand title='代职工提交心愿' subtitle='为不使用手机的职工登记心愿，提交后按正常流程审核' />
      <View className='gh-card gh-card--overlap'>
        <FormRow label='查找职工' error={errors.memberId ?? searchError ?? undefined} hint='输入姓名、手机号或会员号'>
          <View className='gh-inline'>
            <Input className='gh-input gh-file-wish__q' placeholder='例如 张 或 138…' maxLength={30} value={q} onChange={setQ} />
            <Button type='primary' fill='outline' className='gh-file-wish__search' onClick={() => void search()}>
              查找
            </Button>
          </View>
        </FormRow>
        {found && found.length === 0 ? <View className='gh-muted'>没有找到本级及下级工会的正式会员，换个关键词试试。</View> : null}
        {(found ?? []).map((m) => (
          <View
            key={m.id}
            className={`gh-chip gh-file-wish__member ${member?.id === m.id ? 'gh-chip--on' : ''}`}
            {...pressable(null, () => { setMember(m); clear('memberId'); }, { role: 'radio', checked: member?.id === m.id })}
          >
            {m.name} · {m.phoneMasked} · {m.unionName}
          </View>
        ))}
      </View>
      <View className='gh-card'>
        <WishFields values={values} errors={errors} onChange={(patch, field: WishField) => { setValues((v) => ({ ...v, ...patch })); clear(field); }} />
        <Button type='primary' block loading={sending} className='gh-file-wish__submit' onClick={() => void submit()}>
          代职工提交审核
        </Button>
      </View>
    </PageShell>
  );
}
