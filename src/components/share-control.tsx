import { Button, View } from '@tarojs/components'
import './share-control.css'

/**
 * The visible share control under an article or issue. In WeChat it opens the share sheet (many
 * readers never find the ··· menu); in a browser it copies the page's link.
 */
export function ShareControl({ mode, onCopy }: { mode: 'wechat' | 'copy', onCopy?: () => void }) {
  return (
    <View className='share-control'>
      {mode === 'wechat'
        ? <Button className='share-control__button' hoverClass='share-control__button--pressed' openType='share'>分享给朋友</Button>
        : <Button className='share-control__button' hoverClass='share-control__button--pressed' onClick={onCopy}>复制链接</Button>}
    </View>
  )
}
