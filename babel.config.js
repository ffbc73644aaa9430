// Taro's preset drives both builds; under jest (NODE_ENV=test) the same preset compiles TS/JSX for Node.
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5'
    }]
  ]
}
