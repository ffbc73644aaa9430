/**
 * The printed page (PDF drafts) with every item's zone on it, labelled with its title. A zone is dragged
 * to move it and by its corner handle to resize it (pointer events, so mouse, pen and touch alike);
 * values are stored as fractions of the page, as the feed keeps them.
 */
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import type { PageZone } from '../../../parse-issue'
import { moveZone, resizeZone, setZone } from '../../core/edits'
import { useConsole } from '../store-context'

interface Drag {
  item: number
  zone: number
  mode: 'move' | 'resize'
  startX: number
  startY: number
  from: PageZone
  now: PageZone
}

export function PagePlate({ page, image }: { page: number, image: { url: string, width: number, height: number } }) {
  const items = useConsole((s) => s.draft?.issue.items)
  const edit = useConsole((s) => s.edit)
  const box = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<Drag>()

  const begin = (e: ReactPointerEvent, item: number, zone: number, from: PageZone, mode: Drag['mode']) => {
    e.preventDefault()
    e.stopPropagation()
    ;(e.currentTarget as Element).setPointerCapture(e.pointerId)
    setDrag({ item, zone, mode, startX: e.clientX, startY: e.clientY, from, now: from })
  }
  const move = (e: ReactPointerEvent) => {
    if (!drag || !box.current) return
    const r = box.current.getBoundingClientRect()
    const dx = (e.clientX - drag.startX) / r.width
    const dy = (e.clientY - drag.startY) / r.height
    setDrag({ ...drag, now: drag.mode === 'move' ? moveZone(drag.from, dx, dy) : resizeZone(drag.from, dx, dy) })
  }
  const end = () => {
    if (!drag) return
    const { item, zone, now, from } = drag
    setDrag(undefined)
    if (now.x !== from.x || now.y !== from.y || now.w !== from.w || now.h !== from.h) edit((i) => setZone(i, item, zone, now))
  }

  const pct = (v: number) => `${v * 100}%`
  return (
    <div className='plate' aria-label='版面图'>
      <div className='plate-box' ref={box} style={{ aspectRatio: `${image.width} / ${image.height}` }} onPointerMove={move} onPointerUp={end} onPointerCancel={end}>
        <img src={image.url} alt='版面图' draggable={false} />
        {(items ?? []).flatMap((it, i) => (it.zones ?? []).map((z, k) => {
          if (z.page !== page) return null
          const shown = drag && drag.item === i && drag.zone === k ? drag.now : z
          return (
            <div
              key={`${i}-${k}`}
              className={`zone${drag && drag.item === i && drag.zone === k ? ' dragging' : ''}`}
              data-zone={`${i}-${k}`}
              style={{ left: pct(shown.x), top: pct(shown.y), width: pct(shown.w), height: pct(shown.h) }}
              onPointerDown={(e) => begin(e, i, k, z, 'move')}
              title={`拖动移动“${it.title}”的区域，拖右下角改变大小`}
            >
              <span className='zone-label'>{i + 1}. {it.title}</span>
              <span className='zone-handle' aria-label='改变大小' onPointerDown={(e) => begin(e, i, k, z, 'resize')} />
            </div>
          )
        }))}
      </div>
    </div>
  )
}
