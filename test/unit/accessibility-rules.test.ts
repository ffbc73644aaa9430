/**
 * WeChat's accessibility audit, the parts that can be read from the source: every tappable element
 * has a pressed state (hover-class), and every image has a description. Parsed with the TypeScript
 * compiler, so the check sees JSX as JSX.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const SRC = path.resolve(__dirname, '../../src')

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? tsxFiles(p) : p.endsWith('.tsx') ? [p] : []
  })
}

interface Element { file: string, line: number, tag: string, attributes: string[] }

function elements(file: string): Element[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const out: Element[] = []
  const visit = (node: ts.Node) => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      out.push({
        file: path.relative(SRC, file),
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        tag: node.tagName.getText(),
        attributes: node.attributes.properties.filter(ts.isJsxAttribute).map((a) => a.name.getText())
      })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

const all = tsxFiles(SRC).flatMap(elements)

test('the source has tappable elements and images to check', () => {
  expect(all.filter((e) => e.attributes.includes('onClick')).length).toBeGreaterThan(10)
  expect(all.filter((e) => e.tag === 'Image').length).toBeGreaterThanOrEqual(2)
})

test('every tappable element shows a pressed state (hoverClass)', () => {
  const missing = all.filter((e) => e.attributes.includes('onClick') && !e.attributes.includes('hoverClass')).map((e) => `${e.file}:${e.line} <${e.tag}>`)
  expect(missing).toEqual([])
})

test('every image has a description for screen readers (ariaLabel)', () => {
  const missing = all.filter((e) => e.tag === 'Image' && !e.attributes.includes('ariaLabel')).map((e) => `${e.file}:${e.line}`)
  expect(missing).toEqual([])
})

test('no feed text is ever rendered as markup', () => {
  const raw = all.filter((e) => e.tag === 'RichText' || e.attributes.includes('dangerouslySetInnerHTML')).map((e) => `${e.file}:${e.line}`)
  expect(raw).toEqual([])
})
