export default defineAppConfig({
  pages: [
    'pages/issue/index',
    'pages/article/index'
  ],
  // Pages not needed at launch load on demand, keeping the main package small.
  subPackages: [
    { root: 'pages-more', pages: ['archive/index', 'settings/index'] }
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#b3121b',
    navigationBarTitleText: '高新区报',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f5f0'
  }
})
