/**
 * A deliberately small schema language: each node validates a value, describes itself as JSON Schema
 * (draft 2020-12) and carries its TypeScript type. The feed format is written once with it, so the
 * types, the runtime validation and the published schema file cannot drift apart. A general-purpose
 * validator library would cost tens of kilobytes in the mini-program's main package; this costs ~2 KB.
 */

export interface Problem {
  /** JSON-pointer-like path of the offending value, e.g. `/articles/3/title`. */
  path: string
  message: string
}

export interface Node<T> {
  /** Never read at run time: carries the node's TypeScript type for `Infer`. */
  readonly _type?: T
  check(value: unknown, path: string, problems: Problem[]): void
  jsonSchema(): Record<string, unknown>
}

export type Infer<N> = N extends Node<infer T> ? T : never

const MAX_REPORTED = 50

function report(problems: Problem[], path: string, message: string): void {
  if (problems.length < MAX_REPORTED) problems.push({ path: path || '/', message })
}

export interface StringRules {
  minLength?: number
  maxLength: number
  pattern?: RegExp
  /** Human description of the pattern, used in error messages. */
  patternName?: string
  description?: string
}

export function string(rules: StringRules): Node<string> {
  return {
    check(value, path, problems) {
      if (typeof value !== 'string') return report(problems, path, `expected a string, got ${kind(value)}`)
      const min = rules.minLength ?? 1
      if (value.length < min) return report(problems, path, min === 1 ? 'must not be empty' : `shorter than ${min} characters`)
      if (value.length > rules.maxLength) return report(problems, path, `longer than ${rules.maxLength} characters`)
      if (rules.pattern && !rules.pattern.test(value)) {
        report(problems, path, `is not ${rules.patternName ?? `matching ${rules.pattern.source}`}: ${JSON.stringify(value.slice(0, 40))}`)
      }
    },
    jsonSchema() {
      return strip({
        type: 'string',
        description: rules.description,
        minLength: rules.minLength ?? 1,
        maxLength: rules.maxLength,
        pattern: rules.pattern?.source
      })
    }
  }
}

export function integer(min: number, max: number, description?: string): Node<number> {
  return {
    check(value, path, problems) {
      if (typeof value !== 'number' || !Number.isInteger(value)) return report(problems, path, `expected an integer, got ${kind(value)}`)
      if (value < min || value > max) report(problems, path, `must be between ${min} and ${max}, got ${value}`)
    },
    jsonSchema: () => strip({ type: 'integer', description, minimum: min, maximum: max })
  }
}

/** A finite number in [min, max] (fractions, where an integer will not do). */
export function number(min: number, max: number, description?: string): Node<number> {
  return {
    check(value, path, problems) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return report(problems, path, `expected a number, got ${kind(value)}`)
      if (value < min || value > max) report(problems, path, `must be between ${min} and ${max}, got ${value}`)
    },
    jsonSchema: () => strip({ type: 'number', description, minimum: min, maximum: max })
  }
}

export function literal<T extends string | number>(expected: T, description?: string): Node<T> {
  return {
    check(value, path, problems) {
      if (value !== expected) report(problems, path, `must be ${JSON.stringify(expected)}, got ${JSON.stringify(value)}`)
    },
    jsonSchema: () => strip({ const: expected, description })
  }
}

export function array<T>(item: Node<T>, maxItems: number, opts: { minItems?: number, description?: string } = {}): Node<T[]> {
  return {
    check(value, path, problems) {
      if (!Array.isArray(value)) return report(problems, path, `expected an array, got ${kind(value)}`)
      const min = opts.minItems ?? 0
      if (value.length < min) return report(problems, path, `needs at least ${min} item${min === 1 ? '' : 's'}`)
      if (value.length > maxItems) return report(problems, path, `has more than ${maxItems} items`)
      value.forEach((v, i) => item.check(v, `${path}/${i}`, problems))
    },
    jsonSchema: () => strip({ type: 'array', description: opts.description, items: item.jsonSchema(), minItems: opts.minItems, maxItems })
  }
}

interface Optional<T> extends Node<T> { optional: true }

export function optional<T>(node: Node<T>): Optional<T> {
  return { ...node, optional: true }
}

type Shape = Record<string, Node<unknown>>
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S]
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>
type Simplify<T> = { [K in keyof T]: T[K] } & {}
export type ObjectOf<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>

/**
 * An object with known properties. Unknown properties are allowed (the format promises that extra
 * fields may be added) but not validated.
 */
export function object<S extends Shape>(shape: S, description?: string): Node<ObjectOf<S>> {
  const keys = Object.keys(shape)
  const required = keys.filter((k) => !(shape[k] as Partial<Optional<unknown>>).optional)
  return {
    check(value, path, problems) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return report(problems, path, `expected an object, got ${kind(value)}`)
      }
      const record = value as Record<string, unknown>
      for (const key of keys) {
        const v = record[key]
        if (v === undefined) {
          if (required.includes(key)) report(problems, `${path}/${key}`, 'is required')
          continue
        }
        shape[key].check(v, `${path}/${key}`, problems)
      }
    },
    jsonSchema() {
      const properties: Record<string, unknown> = {}
      for (const key of keys) properties[key] = shape[key].jsonSchema()
      return strip({ type: 'object', description, properties, required })
    }
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k]
  return o
}
