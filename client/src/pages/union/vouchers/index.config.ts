export default definePageConfig({ navigationBarTitleText: '工惠券管理' });
