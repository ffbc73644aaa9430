export default definePageConfig({
  navigationBarTitleText: '高新区报',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true
})
