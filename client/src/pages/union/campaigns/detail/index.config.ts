export default definePageConfig({ navigationBarTitleText: '送温暖活动' });
