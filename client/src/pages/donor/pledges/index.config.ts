export default definePageConfig({ navigationBarTitleText: '送温暖认捐' });
