export default defineAppConfig({
  pages: [
    'pages/issue/index',
    'pages/article/index'
  ],
  // Pages not needed at launch load on demand, keeping the main package small.
  subPackages: [
    { root: 'pages-more', pages: ['archive/index', 'search/index', 'mine/index', 'settings/index'] }
  ],
  // Follow WeChat's dark setting: window colours come from theme.json, page colours from CSS.
  darkmode: true,
  themeLocation: 'theme.json',
  window: {
    backgroundTextStyle: '@bgTextStyle',
    navigationBarBackgroundColor: '@navBgColor',
    navigationBarTitleText: '高新区报',
    navigationBarTextStyle: '@navTextStyle',
    backgroundColor: '@bgColor'
  }
})
