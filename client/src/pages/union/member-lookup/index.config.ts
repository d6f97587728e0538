export default definePageConfig({ navigationBarTitleText: '会员码查询' });
