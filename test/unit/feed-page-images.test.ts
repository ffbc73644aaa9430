// Feed v1's optional page images (版面图) and article zones: validation of the issue, and `check` of a
// folder whose page images are real JPEG files.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { describeProblems, validateIssue, type Issue } from '@/core/feed'
import { checkFeed } from '../../newsroom/feed-folder'
import { serialise } from '../../newsroom/feed-model'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'

function withPageImages(): Issue {
  const issue = structuredClone(makeIssue())
  issue.pages[0].image = { src: 'pages/2023-08-22/p1.jpg', width: 1500, height: 2456, thumb: { src: 'pages/2023-08-22/p1-750.jpg', width: 750, height: 1228 } }
  issue.pages[1].image = { src: 'pages/2023-08-22/p2.jpg', width: 1500, height: 2456 }
  issue.articles[0].zones = [{ pageId: 'p1', x: 0.05, y: 0.2, w: 0.6, h: 0.3 }]
  issue.articles[2].zones = [{ pageId: 'p2', x: 0, y: 0, w: 1, h: 1 }, { pageId: 'p1', x: 0.7, y: 0.8, w: 0.3, h: 0.2 }]
  return issue
}

function problemsOf(value: unknown): string {
  const r = validateIssue(value)
  return r.ok ? '' : describeProblems(r.problems, 10)
}

describe('zones and page images in an issue', () => {
  test('an issue with page images, thumbnails and zones (an article on two pages) is valid', () => {
    expect(problemsOf(withPageImages())).toBe('')
  })

  test('an issue without them is still valid: the fields are optional', () => {
    expect(problemsOf(makeIssue())).toBe('')
  })

  test.each<[string, (i: Issue) => void, string]>([
    ['a zone on a page the issue does not have', (i) => { i.articles[0].zones![0].pageId = 'p9' }, '/articles/0/zones/0/pageId is not a page of the issue: p9'],
    ['a zone reaching past the right edge', (i) => { i.articles[0].zones![0].x = 0.5 }, '/articles/0/zones/0 reaches outside the page'],
    ['a zone reaching past the bottom', (i) => { i.articles[2].zones![1].h = 0.25 }, '/articles/2/zones/1 reaches outside the page'],
    ['a zone with no area', (i) => { i.articles[0].zones![0].w = 0 }, '/articles/0/zones/0 has no area'],
    ['a coordinate in points, not a fraction', (i) => { i.articles[0].zones![0].y = 120 }, '/articles/0/zones/0/y must be between 0 and 1, got 120'],
    ['a negative coordinate', (i) => { i.articles[0].zones![0].x = -0.1 }, '/articles/0/zones/0/x must be between 0 and 1, got -0.1'],
    ['a coordinate that is not a number', (i) => { (i.articles[0].zones![0] as unknown as { x: string }).x = '0.1' }, '/articles/0/zones/0/x expected a number, got string'],
    ['NaN', (i) => { i.articles[0].zones![0].x = Number.NaN }, '/articles/0/zones/0/x expected a number, got number'],
    ['a page image without its size', (i) => { delete (i.pages[0].image as Partial<NonNullable<Issue['pages'][0]['image']>>).width }, '/pages/0/image/width is required'],
    ['a page image at an unsafe address', (i) => { i.pages[1].image!.src = 'javascript:alert(1)' }, '/pages/1/image/src is not a relative path or an https URL'],
    ['a thumbnail that climbs out of the feed', (i) => { i.pages[0].image!.thumb!.src = '../secret.jpg' }, '/pages/0/image/thumb/src is not a relative path or an https URL']
  ])('rejects %s', (_name, mutate, expected) => {
    const issue = withPageImages()
    mutate(issue)
    expect(problemsOf(issue)).toContain(expected)
  })

  test('a zone touching the edges after rounding is accepted', () => {
    const issue = withPageImages()
    issue.articles[0].zones = [{ pageId: 'p1', x: 0.3333, y: 0.5, w: 0.6667, h: 0.5 }]
    expect(problemsOf(issue)).toBe('')
  })
})

describe('feed check with page images', () => {
  let dir: string
  const jpeg = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#f4f1ea' } }).jpeg().toBuffer()

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-images-'))
    const issue = withPageImages()
    // The fixture's figure is a PNG placeholder; write one so only page images are under test.
    fs.mkdirSync(path.join(dir, 'images/2023-08-22'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'images/2023-08-22/a2-1.png'), await sharp({ create: { width: 800, height: 500, channels: 3, background: '#888' } }).png().toBuffer())
    fs.mkdirSync(path.join(dir, 'pages/2023-08-22'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'pages/2023-08-22/p1.jpg'), await jpeg(1500, 2456))
    fs.writeFileSync(path.join(dir, 'pages/2023-08-22/p1-750.jpg'), await jpeg(750, 1228))
    fs.writeFileSync(path.join(dir, 'pages/2023-08-22/p2.jpg'), await jpeg(1500, 2456))
    fs.mkdirSync(path.join(dir, 'issues'))
    fs.writeFileSync(path.join(dir, 'issues/2023-08-22.json'), serialise(issue))
    fs.writeFileSync(path.join(dir, 'index.json'), serialise(makeIndex([issue])))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  const rewrite = (mutate: (i: Issue) => void): void => {
    const file = path.join(dir, 'issues/2023-08-22.json')
    const issue = JSON.parse(fs.readFileSync(file, 'utf8')) as Issue
    mutate(issue)
    fs.writeFileSync(file, serialise(issue))
  }
  const problems = (): string[] => checkFeed(dir).problems.map((p) => `${p.file}: ${p.path} ${p.message}`)

  test('a folder whose page images are present and of the stated size passes', () => {
    expect(problems()).toEqual([])
  })

  test('a missing page image and a missing thumbnail are reported', () => {
    fs.rmSync(path.join(dir, 'pages/2023-08-22/p2.jpg'))
    fs.rmSync(path.join(dir, 'pages/2023-08-22/p1-750.jpg'))
    expect(problems()).toEqual([
      'issues/2023-08-22.json: /pages/0/image/thumb/src pages/2023-08-22/p1-750.jpg does not exist',
      'issues/2023-08-22.json: /pages/1/image/src pages/2023-08-22/p2.jpg does not exist'
    ])
  })

  test('a page image of another size than stated is reported with both sizes', async () => {
    fs.writeFileSync(path.join(dir, 'pages/2023-08-22/p2.jpg'), await jpeg(1600, 2620))
    expect(problems()).toEqual(['issues/2023-08-22.json: /pages/1/image says 1500×2456 but pages/2023-08-22/p2.jpg is 1600×2620'])
  })

  test('a page image that is not an image is reported', () => {
    fs.writeFileSync(path.join(dir, 'pages/2023-08-22/p1.jpg'), '<html>not found</html>')
    expect(problems()).toEqual(['issues/2023-08-22.json: /pages/0/image/src pages/2023-08-22/p1.jpg is not a PNG or JPEG image'])
  })

  test('a thumbnail of another shape than its page image is reported', async () => {
    fs.writeFileSync(path.join(dir, 'pages/2023-08-22/p1-750.jpg'), await jpeg(750, 1000))
    rewrite((i) => { i.pages[0].image!.thumb!.height = 1000 })
    expect(problems()).toEqual(['issues/2023-08-22.json: /pages/0/image/thumb has another aspect ratio than the page image'])
  })

  test('zones outside the page or on an unknown page fail the check', () => {
    rewrite((i) => { i.articles[0].zones = [{ pageId: 'p3', x: 0.9, y: 0, w: 0.2, h: 0.1 }] })
    expect(problems()).toEqual([
      'issues/2023-08-22.json: /articles/0/zones/0/pageId is not a page of the issue: p3',
      'issues/2023-08-22.json: /articles/0/zones/0 reaches outside the page'
    ])
  })
})
