export default definePageConfig({
  navigationBarTitleText: '高新区报',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  enableShareAppMessage: true,
  enableShareTimeline: true
})
