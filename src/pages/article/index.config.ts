export default definePageConfig({
  navigationBarTitleText: '高新区报',
  enableShareAppMessage: true,
  enableShareTimeline: true
})
