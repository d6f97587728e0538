export default definePageConfig({ navigationBarTitleText: '慰问信' });
