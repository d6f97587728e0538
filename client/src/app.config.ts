import { palette } from '../config/palette';
import { ACTIVITIES_PAGE, HOME_PAGE, MINE_PAGE, PAGES, VOUCHERS_PAGE, WISHES_PAGE, appJsonPath } from './routes';

export default defineAppConfig({
  // The first page is the entry: home, which a signed-out visitor may browse (no login at launch).
  pages: PAGES.map(appJsonPath),
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: palette.page,
    navigationBarBackgroundColor: palette.unionRed,
    navigationBarTitleText: '工惠',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: palette.tabInactive,
    selectedColor: palette.unionRed,
    backgroundColor: palette.white,
    borderStyle: 'black',
    list: [
      { pagePath: appJsonPath(HOME_PAGE), text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: appJsonPath(VOUCHERS_PAGE), text: '工惠券', iconPath: 'assets/tab/voucher.png', selectedIconPath: 'assets/tab/voucher-active.png' },
      { pagePath: appJsonPath(WISHES_PAGE), text: '微心愿', iconPath: 'assets/tab/wish.png', selectedIconPath: 'assets/tab/wish-active.png' },
      { pagePath: appJsonPath(ACTIVITIES_PAGE), text: '活动', iconPath: 'assets/tab/activity.png', selectedIconPath: 'assets/tab/activity-active.png' },
      { pagePath: appJsonPath(MINE_PAGE), text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
