import { View } from '@tarojs/components';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { EmptyView } from '../../components/StatusView';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { ACTIVITIES_PAGE } from '../../routes';

export default function ActivitiesPage() {
  useRequireLogin(ACTIVITIES_PAGE);
  return (
    <PageShell className='gh-activities'>
      <HeaderBand title='活动' subtitle='工会组织的文体、培训和志愿活动' />
      <View className='gh-card gh-card--overlap'>
        <EmptyView
          title='近期没有可报名的活动'
          hint='工会发布活动后会显示在这里，您可以在线报名、到场签到。'
        />
      </View>
    </PageShell>
  );
}
