export default definePageConfig({ navigationBarTitleText: '登录工惠' });
