export default definePageConfig({ navigationBarTitleText: '摇号详情' });
