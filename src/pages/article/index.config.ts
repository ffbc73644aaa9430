export default definePageConfig({
  navigationBarTitleText: '高新区报'
})
