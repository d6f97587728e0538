export default definePageConfig({ navigationBarTitleText: '工惠' });
