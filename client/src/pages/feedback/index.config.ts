export default definePageConfig({ navigationBarTitleText: '聆听' });
