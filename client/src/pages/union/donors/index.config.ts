export default definePageConfig({ navigationBarTitleText: '爱心企业核验' });
