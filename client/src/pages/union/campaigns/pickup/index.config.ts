export default definePageConfig({ navigationBarTitleText: '礼包发放核销' });
