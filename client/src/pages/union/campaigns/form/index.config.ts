export default definePageConfig({ navigationBarTitleText: '送温暖统计表' });
