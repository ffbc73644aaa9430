// Compile-time flags that Taro's build defines; its runtime reads them as globals.
const flags = ['ENABLE_INNER_HTML', 'ENABLE_ADJACENT_HTML', 'ENABLE_SIZE_APIS', 'ENABLE_TEMPLATE_CONTENT', 'ENABLE_CLONE_NODE', 'ENABLE_CONTAINS', 'ENABLE_MUTATION_OBSERVER', 'SUPPORT_TARO_POLYFILL']
for (const flag of ['DEPRECATED_ADAPTER_COMPONENT']) (globalThis as Record<string, unknown>)[flag] = false
for (const flag of flags) (globalThis as Record<string, unknown>)[flag] = true
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
