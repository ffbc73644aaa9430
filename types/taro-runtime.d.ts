// Taro's React plugin ships its runtime without typings; tests call this one function of it.
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  export function createH5NativeComponentConfig(component: unknown, react: unknown, reactDom: unknown): unknown
}
