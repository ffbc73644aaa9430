export default definePageConfig({
  navigationBarTitleText: '往期'
})
