import { ComingSoonTab } from '../../components/ComingSoonTab';
import { ACTIVITIES_PAGE } from '../../routes';

export default function ActivitiesPage() {
  return (
    <ComingSoonTab
      page={ACTIVITIES_PAGE}
      className='gh-activities'
      title='活动'
      subtitle='工会组织的文体、培训和志愿活动'
      emptyTitle='近期没有可报名的活动'
      emptyHint='工会发布活动后会显示在这里，您可以在线报名、到场签到。'
    />
  );
}
