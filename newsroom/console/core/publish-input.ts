/**
 * A draft turned into the publishing library's input. Pure: the photo and page-image bytes are handed in
 * by the caller, which reads them from the draft's folder.
 *
 * The publisher keys photos by item index (`photoKey(item, n)`), which every move or deletion of an
 * item changes; a draft's items carry their photos by the draft's own file keys instead
 * (`EditableItem.photos`), turned into the publisher's keys here, at the last moment.
 */
import type { PageImageInput, PublishInput } from '../../publish'
import { photoKey } from '../../publish/photo-names'
import type { EditableIssue } from './api'

/** The bytes a draft holds, by the keys its items and pages refer to. */
export interface DraftBytes {
  /** A photo's bytes by its draft key; undefined when the draft no longer has it. */
  photo(key: string): Uint8Array | undefined
  /** Page images to publish by page index (none: the published ones are kept). */
  pageImages?: Array<PageImageInput | undefined>
}

/**
 * The publisher's input for `issue`: `parsed` without the draft's photo references, photos under the
 * publisher's keys, page images as given. Throws when an item names a photo the draft does not have.
 */
export function toPublishInput(issue: EditableIssue, bytes: DraftBytes): Pick<PublishInput, 'parsed' | 'photos' | 'photoNames' | 'pageImages'> {
  const photos: Record<string, Uint8Array> = {}
  const photoNames: Record<string, string> = {}
  const items = issue.items.map((it, i) => {
    const { photos: refs, ...item } = it
    refs?.forEach((ref, k) => {
      if (ref === null) return
      const data = bytes.photo(ref)
      if (!data) throw new Error(`the draft has no photo ${ref} (item ${i + 1})`)
      const key = photoKey(i, k + 1)
      photos[key] = data
      photoNames[key] = `the draft's photo ${ref}`
    })
    return item
  })
  return {
    parsed: { ...issue, items },
    photos,
    photoNames,
    ...(bytes.pageImages ? { pageImages: bytes.pageImages } : {})
  }
}
