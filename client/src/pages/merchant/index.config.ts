export default definePageConfig({ navigationBarTitleText: '商户核销' });
