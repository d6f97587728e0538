export default definePageConfig({ navigationBarTitleText: '联系工会' });
