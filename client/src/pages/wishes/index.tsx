import { View } from '@tarojs/components';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { EmptyView } from '../../components/StatusView';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { WISHES_PAGE } from '../../routes';

export default function WishesPage() {
  useRequireLogin(WISHES_PAGE);
  return (
    <PageShell className='gh-wishes'>
      <HeaderBand title='微心愿' subtitle='职工许下心愿，爱心人士帮助实现' />
      <View className='gh-card gh-card--overlap'>
        <EmptyView
          title='暂时还没有微心愿'
          hint='微心愿功能即将开放：届时会员可在此发布心愿，爱心人士可认领帮助实现。'
        />
      </View>
    </PageShell>
  );
}
