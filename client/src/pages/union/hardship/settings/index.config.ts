export default definePageConfig({ navigationBarTitleText: '困难帮扶标准' });
