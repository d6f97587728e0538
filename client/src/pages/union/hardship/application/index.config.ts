export default definePageConfig({ navigationBarTitleText: '建档审核' });
