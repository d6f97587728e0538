export default definePageConfig({ navigationBarTitleText: '代职工提交心愿' });
