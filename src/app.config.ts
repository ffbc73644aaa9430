export default defineAppConfig({
  pages: [
    'pages/issue/index',
    'pages/article/index'
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#b3121b',
    navigationBarTitleText: '高新区报',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f5f0'
  }
})
