export default definePageConfig({ navigationBarTitleText: '工惠券实况' });
