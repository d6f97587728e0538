import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatShanghaiDate, memberStatusLabels, memberTagLabels, type MemberAdminView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { errorText } from '../../../components/StatusView';
import { useNumericKeypad, useQrScan } from '../../../components/QrScanner';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { normalizeMemberCode } from '../../../memberCode';
import { MEMBER_LOOKUP_PAGE } from '../../../routes';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';


const group = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

export default function MemberLookupPage() {
  useRequireLogin(MEMBER_LOOKUP_PAGE);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [member, setMember] = useState<MemberAdminView | null>(null);
  const { scan, layer } = useQrScan();
  useNumericKeypad('.gh-lookup__code');

  const lookup = async (raw: string) => {
    const code = normalizeMemberCode(raw);
    if (!code) {
      setError('请输入会员出示的12位会员码');
      return;
    }
    setBusy(true);
    setError(null);
    setMember(null);
    try {
      setMember(await call(api.lookupMemberCode, { params: { code }, toast: false }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const scanCode = async () => {
    const result = await scan();
    if (result === null) return;
    const code = normalizeMemberCode(result);
    if (!code) {
      setError('这不是工惠会员码');
      return;
    }
    setText(group(code));
    void lookup(code);
  };

  return (
    <PageShell wide staffOnly className='gh-lookup'>
      <HeaderBand title='会员码查询' subtitle='扫描或输入会员出示的会员码，核对会员身份（会员码每分钟更新）' />
      <View className='gh-card gh-card--overlap gh-lookup__form'>
        <Button type='primary' size='large' block className='gh-lookup__scan' onClick={() => void scanCode()}>
          扫描会员码
        </Button>
        <View className='gh-field gh-lookup__field'>
          <View className='gh-field__label'>会员码</View>
          <Input
            className='gh-field__input gh-lookup__code'
            type={IS_WEAPP ? 'number' : 'text'}
            placeholder='或输入12位数字'
            value={text}
            maxLength={IS_WEAPP ? 12 : 16}
            onChange={(v) => {
              setText(v.replace(/[^\d\s]/g, '').slice(0, 16));
              setError(null);
            }}
            onConfirm={() => void lookup(text)}
          />
        </View>
        {error ? (
          <View className='gh-lookup__error' role='alert'>
            {error}
          </View>
        ) : null}
        <Button type='primary' fill='outline' size='large' block loading={busy} className='gh-lookup__submit' onClick={() => void lookup(text)}>
          查询会员
        </Button>
      </View>

      {member ? (
        <View className='gh-card gh-lookup__member'>
          <View className='gh-lookup__head'>
            <Text className='gh-lookup__name'>{member.name}</Text>
            <Text className={`gh-status-text gh-status-text--${member.status} gh-lookup__status`}>{memberStatusLabels[member.status]}</Text>
          </View>
          <View className='gh-facts'>
            {(
              [
                ['会员号', member.memberNo],
                ['所属工会', member.unionName],
                ['单位', member.employer],
                ['手机', member.phoneMasked],
                ['身份证', member.idNumberMasked],
                ['入会日期', formatShanghaiDate(member.joinedAt)],
              ] as const
            ).map(([label, value]) => (
              <View key={label} className='gh-facts__row'>
                <Text className='gh-facts__label'>{label}</Text>
                <Text className='gh-facts__value'>{value}</Text>
              </View>
            ))}
            {member.tags.length > 0 ? (
              <View className='gh-facts__row'>
                <Text className='gh-facts__label'>标签</Text>
                <Text className='gh-facts__value'>{member.tags.map((t) => memberTagLabels[t]).join('、')}</Text>
              </View>
            ) : null}
          </View>
          {member.status !== 'active' ? <View className='gh-lookup__warn'>该会员当前不是正式会员，不能享受会员权益。</View> : null}
        </View>
      ) : null}
      {layer}
    </PageShell>
  );
}
