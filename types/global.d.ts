/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.css'

/** Set at build time (config/index.ts): where the app fetches index.json and issues/ from. */
declare const FEED_BASE_URL: string
/** Set at build time: the notification server's base URL, ending in `/`. */
declare const NOTIFY_API_BASE: string
/** Set at build time from WECHAT_TEMPLATE_ID: the new-issue reminder's subscription template ('' when none). */
declare const SUBSCRIBE_TEMPLATE_ID: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test'
    TARO_ENV?: 'weapp' | 'h5'
    TARO_APP_ID?: string
  }
}
