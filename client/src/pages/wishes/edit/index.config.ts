export default definePageConfig({ navigationBarTitleText: '写心愿' });
