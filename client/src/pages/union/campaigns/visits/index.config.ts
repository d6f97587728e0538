export default definePageConfig({ navigationBarTitleText: '走访慰问' });
