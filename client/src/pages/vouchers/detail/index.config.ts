export default definePageConfig({ navigationBarTitleText: '工惠券' });
