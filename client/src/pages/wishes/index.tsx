import { ComingSoonTab } from '../../components/ComingSoonTab';
import { WISHES_PAGE } from '../../routes';

export default function WishesPage() {
  return (
    <ComingSoonTab
      page={WISHES_PAGE}
      className='gh-wishes'
      title='微心愿'
      subtitle='职工许下心愿，爱心人士帮助实现'
      emptyTitle='暂时还没有微心愿'
      emptyHint='微心愿功能即将开放：届时会员可在此发布心愿，爱心人士可认领帮助实现。'
    />
  );
}
