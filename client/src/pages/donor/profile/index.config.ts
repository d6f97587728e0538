export default definePageConfig({ navigationBarTitleText: '爱心档案' });
