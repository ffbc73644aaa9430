export * from './feed-v1'
export * from './validate'
export { type Problem } from './schema-dsl'
export * from './latest'
