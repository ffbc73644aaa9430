// Registers React with Taro's runtime, as the H5 build's entry does, so Taro's real H5 components
// render under jsdom.
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

createH5NativeComponentConfig(null, React, ReactDOM)
