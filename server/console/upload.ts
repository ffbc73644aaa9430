/**
 * Reads a console upload (multipart/form-data, parts named `files`) to disk with busboy, enforcing the
 * limits while the bytes stream in: a file over its size, an upload over its total, too many files or
 * a file that is neither .txt nor .pdf stops the upload at once, before the rest is read or stored.
 * The caller gives an empty folder and deletes it when this throws. A refusal is answered at once; the
 * rest of the body is then read and discarded (not cut off), because a client still sending when the
 * connection closes sees a reset instead of the answer.
 */
import fs from 'node:fs'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import busboy from 'busboy'
import { UPLOAD_LIMITS } from '../../newsroom/console/core/api'
import { ConsoleError } from './errors'

/** One file of an upload, stored in the upload folder. */
export interface UploadedFile {
  /** The file's name on the editor's computer (folders and control characters removed). */
  name: string
  kind: 'txt' | 'pdf'
  /** Where it was stored. */
  path: string
  size: number
}

/** The limits, as api.ts publishes them (tests may lower them). */
export type UploadLimits = { [K in keyof typeof UPLOAD_LIMITS]: number }

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/** A display name: no folders, no control characters, at most 120 characters. */
function cleanName (raw: string | undefined, n: number): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120)
  return clean || `file-${n}`
}

/**
 * Streams the upload's files into `dir` and resolves with them in the order sent. Throws ConsoleError:
 * 415 for a body that is not multipart or a file that is not .txt or .pdf, 413 for a file or upload
 * over its limit, 400 for too many files, no file, or a .txt mixed with anything else.
 */
export function readUpload (req: IncomingMessage, dir: string, limits: UploadLimits = UPLOAD_LIMITS): Promise<UploadedFile[]> {
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  if (!type.startsWith('multipart/form-data')) {
    return Promise.reject(new ConsoleError(415, 'unsupported-file', '上传应为文件（multipart/form-data）。'))
  }
  const declared = Number(req.headers['content-length'])
  // A little room for the multipart framing around the files.
  if (Number.isFinite(declared) && declared > limits.totalBytes + 64 * 1024) {
    return Promise.reject(new ConsoleError(413, 'too-large', `一次上传的文件合计不能超过 ${mb(limits.totalBytes)}。`))
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8 in the part header.
        defParamCharset: 'utf8',
        limits: { files: limits.pdfFiles + 1, fields: 10, fieldSize: 1024, parts: limits.pdfFiles + 11, fileSize: Math.max(limits.pdfBytes, limits.textBytes) + 1 }
      })
    } catch {
      reject(new ConsoleError(400, 'bad-request', '上传的格式不对（缺少 multipart boundary）。'))
      return
    }
    const files: UploadedFile[] = []
    const writes: Array<Promise<void>> = []
    const streams: fs.WriteStream[] = []
    let total = 0
    let failed = false
    const fail = (e: ConsoleError) => {
      if (failed) return
      failed = true
      req.unpipe(parser)
      for (const s of streams) s.destroy()
      // Answer only once every file stream has closed: a stream still opening creates its file on a
      // libuv thread, and the caller's removal of the folder would otherwise race it (ENOTEMPTY).
      void Promise.allSettled(writes).then(() => reject(e))
    }
    parser.on('file', (field, stream, info) => {
      if (failed) {
        stream.resume()
        return
      }
      const n = files.length + 1
      const name = cleanName(info.filename, n)
      const ext = path.extname(name).toLowerCase()
      if (field !== 'files') {
        stream.resume()
        return fail(new ConsoleError(400, 'bad-request', '上传的文件应放在名为 files 的字段里。'))
      }
      if (ext !== '.txt' && ext !== '.pdf') {
        stream.resume()
        return fail(new ConsoleError(415, 'unsupported-file', `“${name}”不是报纸的文字稿（.txt）或版面 PDF（.pdf），无法读取。`))
      }
      const kind = ext === '.txt' ? 'txt' : 'pdf'
      const cap = kind === 'txt' ? limits.textBytes : limits.pdfBytes
      const file: UploadedFile = { name, kind, path: path.join(dir, `${String(n).padStart(2, '0')}.${kind}`), size: 0 }
      files.push(file)
      if (kind === 'pdf' && files.filter((f) => f.kind === 'pdf').length > limits.pdfFiles) {
        stream.resume()
        return fail(new ConsoleError(400, 'bad-request', `一次最多上传 ${limits.pdfFiles} 个 PDF。`))
      }
      const out = fs.createWriteStream(file.path, { flags: 'wx' })
      streams.push(out)
      const written = new Promise<void>((done, broke) => {
        out.on('close', () => done())
        out.on('error', broke)
      })
      // A write stream destroyed by a refusal errors after nobody waits for it any more.
      written.catch(() => undefined)
      writes.push(written)
      stream.on('data', (chunk: Buffer) => {
        if (failed) return
        file.size += chunk.length
        total += chunk.length
        if (file.size > cap) return fail(new ConsoleError(413, 'too-large', `“${name}”超过 ${mb(cap)}，${kind === 'txt' ? '不像一期报纸的文字稿' : '超过了单个 PDF 的上限'}。`))
        if (total > limits.totalBytes) return fail(new ConsoleError(413, 'too-large', `一次上传的文件合计不能超过 ${mb(limits.totalBytes)}。`))
        out.write(chunk)
      })
      stream.on('end', () => out.end())
    })
    parser.on('field', () => { /* the page sends none; ignored */ })
    parser.on('filesLimit', () => fail(new ConsoleError(400, 'bad-request', `一次最多上传 ${limits.pdfFiles} 个 PDF。`)))
    parser.on('partsLimit', () => fail(new ConsoleError(400, 'bad-request', '上传的内容太多。')))
    parser.on('error', (e: unknown) => fail(new ConsoleError(400, 'bad-request', `上传没有完整收到（${(e as Error).message}）。`)))
    parser.on('close', () => {
      if (failed) return
      Promise.all(writes).then(() => {
        if (failed) return
        if (files.length === 0) return fail(new ConsoleError(400, 'bad-request', '没有收到文件。请选择一期报纸的 .txt 文字稿或版面 PDF。'))
        const texts = files.filter((f) => f.kind === 'txt').length
        if (texts > 0 && files.length > 1) return fail(new ConsoleError(400, 'bad-request', texts > 1 ? '一次只能上传一个 .txt 文字稿。' : '文字稿（.txt）和版面 PDF 不能一起上传：请只选其中一种。'))
        resolve(files)
      }, (e: unknown) => fail(new ConsoleError(500, 'internal', `上传的文件无法保存（${(e as Error).message}）。`)))
    })
    req.on('aborted', () => fail(new ConsoleError(400, 'bad-request', '上传中断了。')))
    req.pipe(parser)
  })
}
