import { Text } from '@tarojs/components'
import type { Segment } from '@/core/search'

/** Text with its matching runs marked; every run is plain text, never markup. */
export function HighlightedText({ segments, className, hitClassName }: { segments: Segment[], className: string, hitClassName: string }) {
  return (
    <Text className={className}>
      {segments.map((s, i) => (s.hit ? <Text key={i} className={hitClassName}>{s.text}</Text> : s.text))}
    </Text>
  )
}
