import { indexSchema, issueSchema } from './feed-v1'

const BASE = 'https://schemas.gaoxinqu-bao.local/feed/v1'

/**
 * The JSON Schema documents (draft 2020-12) for feed v1, generated from the same definitions the app
 * validates with. Written to docs/ by `npm run feed -- schema`; a test keeps the file current.
 */
export function feedJsonSchema(): Record<string, unknown> {
  return {
    $comment: 'Generated from src/core/feed/feed-v1.ts by `npm run feed -- schema`; do not edit by hand.',
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${BASE}/schema.json`,
    title: '高新区报 feed v1',
    description: 'Validate index.json against #/$defs/index and issues/<id>.json against #/$defs/issue.',
    $defs: {
      index: indexSchema.jsonSchema(),
      issue: issueSchema.jsonSchema()
    }
  }
}
