import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { Chips } from '../../../components/Form';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { Fact, ListFooter, useWishAction } from '../../../components/wishes/WishParts';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { usePagedList } from '../../../hooks/usePagedList';
import { DONORS_PAGE } from '../../../routes';

type Licence = 'pending' | 'verified' | 'rejected';
const FILTERS: { key: Licence; label: string }[] = [
  { key: 'pending', label: '待核验' },
  { key: 'verified', label: '已核验' },
  { key: 'rejected', label: '未通过' },
];

/** City federation staff check enterprise donors' licences before their names show publicly. */
export default function DonorsPage() {
  const signedIn = useRequireLogin(DONORS_PAGE);
  const [licence, setLicence] = useState<Licence>('pending');
  const fetchPage = useCallback((cursor: string | undefined) => call(api.listDonors, { query: { licence, cursor, limit: 50 }, toast: false }), [licence]);
  const { list, reload, loadMore, updateItems } = usePagedList(fetchPage, { enabled: signedIn, refreshOnShow: true });
  const { acting, run } = useWishAction();
  type Donor = (typeof list.items)[number];

  const decide = (d: Donor, decision: 'verified' | 'rejected') =>
    run(`${d.userId}-${decision}`, () => call(api.reviewLicence, { params: { id: d.userId }, body: { decision } }), {
      confirm: { title: decision === 'verified' ? '核验通过？' : '核验不通过？', content: `${d.enterpriseName ?? d.displayName}：${d.licenceNoMasked ?? ''}`, confirmText: '确定' },
      success: decision === 'verified' ? '已核验' : '已标记不通过',
      done: () => updateItems((items) => items.filter((x) => x.userId !== d.userId)),
    });

  return (
    <PageShell wide staffOnly className='gh-donors'>
      <HeaderBand title='爱心企业核验' subtitle='核对统一社会信用代码，核验后感谢墙上显示企业名称（仅市总工会）' />
      <View className='gh-card gh-card--overlap'>
        <Chips options={FILTERS} value={licence} onChange={setLicence} label='核验状态' className='gh-donors__filter' />
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='没有需要处理的企业' hint='企业登记为爱心人士并填写信用代码后，会出现在“待核验”。' /> : null}
      </View>
      {list.items.map((d) => (
        <View key={d.userId} className='gh-card gh-donor-row'>
          <View className='gh-section-title'>{d.enterpriseName ?? d.displayName}</View>
          <Fact label='信用代码'>{d.licenceNoMasked ?? '未填写'}</Fact>
          <Fact label='联系人'>{`${d.contactName ?? ''} ${d.contactPhoneMasked ?? ''}`}</Fact>
          <Fact label='登记于'>{formatShanghai(d.createdAt)}</Fact>
          {d.licenceStatus === 'pending' ? (
            <View className='gh-wish-actions'>
              <Button type='primary' block loading={acting === `${d.userId}-verified`} className='gh-donor-row__verify' onClick={() => void decide(d, 'verified')}>
                核验通过
              </Button>
              <Button fill='outline' block loading={acting === `${d.userId}-rejected`} className='gh-donor-row__reject' onClick={() => void decide(d, 'rejected')}>
                不通过
              </Button>
            </View>
          ) : null}
        </View>
      ))}
      <ListFooter list={list} loadMore={loadMore} unit='家企业' />
    </PageShell>
  );
}
