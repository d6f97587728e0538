import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { formatShanghaiDate, memberStatusLabels, memberTagLabels, type MemberAdminView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { CodeEntry, MEMBER_CODE } from '../../../components/CodeEntry';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { MEMBER_LOOKUP_PAGE } from '../../../routes';
import './index.scss';

export default function MemberLookupPage() {
  useRequireLogin(MEMBER_LOOKUP_PAGE);
  const [member, setMember] = useState<MemberAdminView | null>(null);

  return (
    <PageShell wide staffOnly className='gh-lookup'>
      <HeaderBand title='会员码查询' subtitle='扫描或输入会员出示的会员码，核对会员身份（会员码每分钟更新）' />
      <View className='gh-card gh-card--overlap gh-lookup__form'>
        <CodeEntry
          kind={MEMBER_CODE}
          cls='gh-lookup'
          scanLabel='扫描会员码'
          submitLabel='查询会员'
          onEdit={() => setMember(null)}
          onSubmit={async (code) => setMember(await call(api.lookupMemberCode, { params: { code }, toast: false }))}
        />
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
    </PageShell>
  );
}
