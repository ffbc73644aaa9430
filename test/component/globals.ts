// Compile-time flags that Taro's build defines; its runtime reads them as globals.
const flags = ['ENABLE_INNER_HTML', 'ENABLE_ADJACENT_HTML', 'ENABLE_SIZE_APIS', 'ENABLE_TEMPLATE_CONTENT', 'ENABLE_CLONE_NODE', 'ENABLE_CONTAINS', 'ENABLE_MUTATION_OBSERVER', 'SUPPORT_TARO_POLYFILL']
for (const flag of ['DEPRECATED_ADAPTER_COMPONENT']) (globalThis as Record<string, unknown>)[flag] = false
for (const flag of flags) (globalThis as Record<string, unknown>)[flag] = true
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'

// jsdom has no layout, so no IntersectionObserver; Taro's lazy Image asks for one. This one reports
// every element as visible, which is what a phone-sized viewport would do for the first items.
class VisibleEverywhere {
  constructor (private readonly callback: (entries: Array<{ isIntersecting: boolean, target: Element }>) => void) {}
  observe(target: Element) { this.callback([{ isIntersecting: true, target }]) }
  unobserve() {}
  disconnect() {}
  takeRecords() { return [] }
}
;(globalThis as Record<string, unknown>).IntersectionObserver ??= VisibleEverywhere
