export default definePageConfig({
  navigationBarTitleText: '高新区报',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
  // WeChat shows the tree the app last recorded (src/platform/first-screen.ts) before the logic layer
  // has started; 'static' would only cache the page's initial data, which under Taro is empty.
  initialRenderingCache: 'dynamic'
})
