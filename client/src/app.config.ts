import { palette } from '../config/palette';

export default defineAppConfig({
  // The first page is the entry: home sends a signed-out visitor to login.
  pages: [
    'pages/home/index',
    'pages/vouchers/index',
    'pages/wishes/index',
    'pages/activities/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/join/index',
    'pages/union/tree/index',
    'pages/union/members/index',
    'pages/vouchers/mine/index',
    'pages/vouchers/detail/index',
    'pages/merchant/index',
    'pages/union/vouchers/index',
    'pages/union/vouchers/edit/index',
    'pages/union/vouchers/stats/index',
    'pages/union/merchants/index',
  ],
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
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/vouchers/index', text: '工惠券', iconPath: 'assets/tab/voucher.png', selectedIconPath: 'assets/tab/voucher-active.png' },
      { pagePath: 'pages/wishes/index', text: '微心愿', iconPath: 'assets/tab/wish.png', selectedIconPath: 'assets/tab/wish-active.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tab/activity.png', selectedIconPath: 'assets/tab/activity-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
