// Runs before `npm start`, `npm test`, `npm run feed` and `npm run server`: on an older Node they would
// fail deep inside a dependency with an unrelated-looking error. Deliberately old-fashioned JavaScript
// (CommonJS, var) so that it parses, and says what is wrong, on any Node still in use.
var fs = require('fs')
var path = require('path')

/** The lowest Node major version package.json's `engines` allows (">=20" → 20). */
function requiredMajor() {
  var pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'))
  var m = /(\d+)/.exec((pkg.engines && pkg.engines.node) || '')
  return m ? Number(m[1]) : 0
}

/** A message when `version` (e.g. "18.19.0") is too old; null when it will do. */
function nodeVersionProblem(version, required) {
  var major = Number(String(version).split('.')[0])
  if (major >= required) return null
  return 'This project needs Node ' + required + ' or newer; this is Node ' + version + '.\n' +
    'Install a current Node (https://nodejs.org/, or `nvm install ' + required + '`) and run the command again.'
}

module.exports = { requiredMajor: requiredMajor, nodeVersionProblem: nodeVersionProblem }

if (require.main === module) {
  var problem = nodeVersionProblem(process.versions.node, requiredMajor())
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
}
