// Runs before the H5 app's own scripts: index.html loads it async at the top of <head> (an external
// file, so a strict Content-Security-Policy needs no inline script) and only preloads the app's scripts,
// which this file starts. Four jobs, so the first screen does not wait for the app's JavaScript:
// 1. Start the feed requests the app is about to make (index.json, and the issue the route shows or the
//    latest one), so the network overlaps the scripts' download and parsing. The app takes each answer
//    once, through window.__gxqbEarlyFeed (src/platform/early-feed.ts); anything it never asks for is
//    dropped. Plain fetch with the app's own cache mode, so nothing is fetched twice.
// 2. On the latest-issue view, paint the first screen the app remembered last time (localStorage,
//    src/core/first-screen.ts) as plain text over the page, or on a first visit the same screen from
//    the feed files it has just fetched (index.json's `latest` block, else the issue), and remove it
//    in the same frame the app's own screen appears, so the list is never shown twice.
// 3. On a link to one 版 (page=…&view=page), or on the latest issue when the reader left it on 版面,
//    paint that 版's page image and name the same way: from what the last visit remembered, or from
//    the issue as soon as it arrives.
// 4. Start the app's scripts (index.html only preloads them): at once where nothing is painted early,
//    else a frame after the early screen is painted, or after APP_WAIT_MS if it is not. The app's
//    first evaluation holds the main thread for seconds on a slow phone; run first, it would hold the
//    early paint back with it, even with the feed already here. Once the app has run, register the
//    service worker (data-sw).
// Hand-written and tiny on purpose: it must run before any bundle, so it cannot share their code.
(function () {
  'use strict'
  var SNAPSHOT_KEY = 'gxqb/first-screen'
  var PAGE_KEY = 'gxqb/first-page'
  var ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/
  // Longest the app waits for an early paint: about what its own scripts take to arrive on a slow
  // network, over which the feed's small files usually come first.
  var APP_WAIT_MS = 1500
  var script = document.currentScript
  var appScripts = ((script && script.getAttribute('data-app')) || '').split(/\s+/).filter(Boolean)
  var appStarted = false
  var appTimer = setTimeout(startApp, APP_WAIT_MS)

  // index.html loads this script async, so the page below it may still be being parsed when it runs.
  function whenParsed(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn)
    else fn()
  }

  function startApp() {
    if (appStarted) return
    appStarted = true
    clearTimeout(appTimer)
    whenParsed(insertAppScripts)
  }
  function insertAppScripts() {
    var last = null
    appScripts.forEach(function (src) {
      var tag = document.createElement('script')
      tag.src = src
      // Inserted scripts run as they arrive unless told otherwise: these must run in order.
      tag.async = false
      document.body.appendChild(tag)
      last = tag
    })
    // The service worker's install downloads every file of the build: not before the app has run.
    if (last) last.addEventListener('load', registerWorker)
    else registerWorker()
  }
  // Only where browsers allow one: https, or this machine.
  function registerWorker() {
    var url = script && script.getAttribute('data-sw')
    if (!url || !('serviceWorker' in navigator) || !(location.protocol === 'https:' || location.hostname === '127.0.0.1' || location.hostname === 'localhost')) return
    setTimeout(function () { navigator.serviceWorker.register(url).catch(function () {}) }, 0)
  }
  // A frame after the early screen went in, so it is on screen before the app's scripts run. (A hidden
  // tab has no frames: the app starts at once.)
  function startAppAfterPaint() {
    if (appStarted) return
    if (document.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') return startApp()
    requestAnimationFrame(function () { setTimeout(startApp, 0) })
  }

  try {
    boot()
  } catch (e) {
    // Whatever went wrong early, the app itself must still start.
    startApp()
  }

  function boot() {
    var feedBase = new URL((script && script.getAttribute('data-feed')) || './feed/', location.href)
    var early = {}

    function get(path) {
      var url = new URL(path, feedBase).href
      if (early[url]) return early[url]
      var answer = fetch(url, { cache: 'no-cache', credentials: 'same-origin' }).then(function (r) {
        return r.text().then(function (body) {
          return { status: r.status, body: body, contentType: r.headers.get('content-type') || undefined }
        })
      })
      // Unhandled only if the app never asks; it then makes its own request and sees its own error.
      answer.catch(function () {})
      early[url] = answer
      return answer
    }

    window.__gxqbEarlyFeed = {
      /** The early answer for this URL, once; undefined if none was started or it was already taken. */
      take: function (url) {
        var key = new URL(url, location.href).href
        var answer = early[key]
        delete early[key]
        return answer
      }
    }

    // Taro's hash router: #/pages/issue/index?id=…, #/pages/article/index?issue=…&article=…
    var hash = location.hash.replace(/^#/, '')
    var route = hash.split('?')[0].replace(/^\//, '')
    var query = new URLSearchParams(hash.split('?')[1] || '')
    var issueId = route === 'pages/issue/index' ? query.get('id') : route === 'pages/article/index' ? query.get('issue') : null
    var latestView = (route === '' || route === 'pages/issue/index') && !issueId
    // A link to one 版 as printed (page=…&view=page, as the app's issue page reads it).
    var pageId = route === 'pages/issue/index' && issueId && query.get('view') === 'page' ? query.get('page') : null
    if (pageId && !(ID.test(issueId) && ID.test(pageId))) pageId = null

    var snapshot = null
    var paintEarly = latestView
    if (latestView) {
      try {
        snapshot = JSON.parse(localStorage.getItem(SNAPSHOT_KEY) || 'null')
      } catch (e) {
        snapshot = null
      }
      // The reader's start is not a list (they are on 版面): paint nothing early at all.
      if (snapshot && snapshot.v === 1 && snapshot.off === true) paintEarly = false
      if (!snapshot || snapshot.v !== 1 || typeof snapshot.issueId !== 'string' || !Array.isArray(snapshot.items)) snapshot = null
    }

    var index = get('index.json')
    if (issueId && ID.test(issueId)) {
      // The format fixes an issue's path (issues/<id>.json): no need to wait for the index.
      var linked = get('issues/' + issueId + '.json')
      if (pageId) earlyPage(issueId + '/' + pageId, pageId)(linked)
      else startApp()
    } else if (latestView) {
      // The reader left the latest issue on 版面: its first 版's page image instead of the list.
      var latestPage = paintEarly ? null : earlyPage('latest', null)
      // Most starts find the same latest issue as last time: ask for it alongside the index.
      if (snapshot && ID.test(snapshot.issueId)) get('issues/' + snapshot.issueId + '.json')
      index.then(function (r) {
        if (r.status !== 200) return startApp()
        var feedIndex = JSON.parse(r.body)
        var path = feedIndex.issues[0].path
        if (!/^issues\/[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.json$/.test(path)) return startApp()
        var issue = get(path)
        if (latestPage) latestPage(issue)
        // A first visit has nothing remembered: paint the same first screen from the feed itself, if it
        // arrives before the app has shown anything: from the index's copy of the newest issue's first
        // 版 where it has one, else from the issue.
        if (paintEarly && !snapshot) {
          var fromIndex = screenFromIndex(feedIndex)
          if (fromIndex) return paint(fromIndex)
          issue.then(function (answer) {
            if (answer.status !== 200 || document.querySelector('#app .issue, #app .status--error, #app .status--empty')) return startApp()
            var s = screenFromFeed(feedIndex, JSON.parse(answer.body))
            if (!s) return startApp()
            paint(s)
          }).catch(startApp)
        }
      }).catch(startApp)
    } else {
      startApp()
    }

    if (snapshot) paint(snapshot)

    // What src/core/first-screen.ts keeps, taken from the feed's own files (the app validates them in
    // full and shows an error over this if they are not valid). The date line lacks the lunar date,
    // which needs the app's calendar; the app's masthead adds it when it takes over.
    function screenFromFeed(feedIndex, issue) {
      if (!issue || issue.version !== 1 || !Array.isArray(issue.pages) || !issue.pages.length || !Array.isArray(issue.articles)) return null
      var byId = {}
      issue.articles.forEach(function (a) { if (a && typeof a.id === 'string') byId[a.id] = a })
      var first = Array.isArray(issue.pages[0].articleIds) ? issue.pages[0].articleIds : []
      return screenOf(feedIndex, issue, issue.pages, first.map(function (id) { return byId[id] }))
    }

    // The same from index.json alone: its `latest` block (src/core/feed/latest.ts), only while it names
    // the newest issue listed.
    function screenFromIndex(feedIndex) {
      var latest = feedIndex.latest
      var summary = feedIndex.issues[0]
      if (!latest || !summary || latest.id !== summary.id || !Array.isArray(latest.pages) || !latest.pages.length || !Array.isArray(latest.articles)) return null
      return screenOf(feedIndex, summary, latest.pages, latest.articles)
    }

    // `issue`: the issue or its index entry (date and numbers); `pages`: its 版 ({ name }); `articles`:
    // the first 版's, in order.
    function screenOf(feedIndex, issue, pages, articles) {
      var text = function (v, max) { return typeof v === 'string' && v.length <= max ? v : undefined }
      var d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(issue.date)
      var paper = feedIndex && feedIndex.paper && text(feedIndex.paper.name, 40)
      if (!d || !paper || !Number.isInteger(issue.number) || !Number.isInteger(issue.yearNumber)) return null
      var weekday = '日一二三四五六'.charAt(new Date(Date.UTC(+d[1], +d[2] - 1, +d[3])).getUTCDay())
      var items = []
      articles.slice(0, 12).forEach(function (a) {
        var title = a && text(a.title, 200)
        if (title) items.push({ kicker: text(a.kicker, 200), title: title, subtitle: text(a.subtitle, 200) })
      })
      return {
        paper: paper,
        numbers: '总第' + issue.number + '期 ' + d[1] + '年第' + issue.yearNumber + '期',
        date: d[1] + '年' + (+d[2]) + '月' + (+d[3]) + '日 星期' + weekday,
        pages: pages.slice(0, 64).map(function (p) { return text(p && p.name, 40) || '' }),
        items: items,
        textSize: 2
      }
    }

    // The page image (版面图) of a link to one 版: the image the app shows first (the phone-sized thumb,
    // else the full one), with the 版 name, from what the last visit to this link remembered, or else from
    // the issue as soon as it arrives. Shown only once the image is decoded, so it is never a blank box.
    // `key` names the link (issue/page, or 'latest' for the latest issue's first 版); returns what to do
    // with the issue's answer once it is asked for.
    function earlyPage(key, wantedPage) {
      var remembered = null
      try {
        remembered = JSON.parse(localStorage.getItem(PAGE_KEY) || 'null')
      } catch (e) {
        remembered = null
      }
      var shown = false
      var show = function (p) {
        if (shown || !p) return
        shown = true
        paintPage(p)
      }
      if (remembered && remembered.v === 1 && remembered.key === key && pageImageOk(remembered)) show(remembered)
      return function (issueAnswer) {
        issueAnswer.then(function (answer) {
          if (answer.status !== 200) return startApp()
          var p = pageFromFeed(JSON.parse(answer.body), key, wantedPage)
          if (!p) return startApp()
          try {
            localStorage.setItem(PAGE_KEY, JSON.stringify(p))
          } catch (e) { /* storage full or off: the next visit waits for the issue, as this one did */ }
          if (!appShowsPage()) show(p)
        }).catch(startApp)
      }
    }

    function pageFromFeed(issue, key, wantedPage) {
      if (!issue || issue.version !== 1 || !Array.isArray(issue.pages)) return null
      var page = wantedPage ? issue.pages.filter(function (p) { return p && p.id === wantedPage })[0] : issue.pages[0]
      var image = page && page.image
      if (!image) return null
      // The rendition the app's page view picks first at this screen width (src/core/page-view/geometry.ts).
      var needed = Math.max(1, window.innerWidth || 375) * Math.max(1, window.devicePixelRatio || 1)
      var r = image.thumb && image.thumb.width >= needed * 0.9 ? image.thumb : image
      var p = { v: 1, key: key, name: typeof page.name === 'string' ? page.name.slice(0, 40) : '', src: r.src, width: r.width, height: r.height }
      return pageImageOk(p) ? p : null
    }

    // Only an image file of the feed itself (relative to its base, no way out of it), of a sane size.
    function pageImageOk(p) {
      return typeof p.src === 'string' && /^[A-Za-z0-9_-][A-Za-z0-9_.\/-]{0,300}$/.test(p.src) && !/(^|\/)\.\.?(\/|$)/.test(p.src) &&
        Number.isInteger(p.width) && Number.isInteger(p.height) && p.width > 0 && p.height > 0 && p.width <= 20000 && p.height <= 20000 &&
        typeof p.name === 'string'
    }

    function appPageImage() {
      return document.querySelector('#app .page-view__image img')
    }
    function appShowsPage() {
      var img = appPageImage()
      return !!(img && img.complete && img.naturalWidth > 0)
    }

    function paintPage(p) {
      var img = document.createElement('img')
      img.className = 'first-screen__page-image'
      img.alt = p.name + ' 版面图'
      img.width = p.width
      img.height = p.height
      img.src = new URL(p.src, feedBase).href
      var screen = el('div', 'first-screen first-screen--page')
      screen.id = 'first-screen'
      screen.appendChild(el('div', 'first-screen__page-name', p.name))
      screen.appendChild(img)
      var done = false
      var takeOver = function () {
        if (done) return
        done = true
        observer.disconnect()
        document.removeEventListener('load', onLoad, true)
        document.removeEventListener('error', onLoad, true)
        window.removeEventListener('hashchange', takeOver)
        if (screen.parentNode) screen.parentNode.removeChild(screen)
      }
      // The app takes over once its own page image has loaded (never its blank frame), or it shows an
      // error, or another screen, or the reader touches the screen.
      var check = function () {
        // (The issue's list is rendered below its page view too: only an issue without one is another screen.)
        if (appShowsPage() || document.querySelector('#app .status--error, #app .status--empty') ||
          (document.querySelector('#app .issue') && !document.querySelector('#app .page-view'))) takeOver()
      }
      var onLoad = function (e) {
        if (e.target === img) return
        if (e.type === 'error' && e.target === appPageImage()) return takeOver()
        check()
      }
      var observer = new MutationObserver(check)
      document.addEventListener('load', onLoad, true)
      document.addEventListener('error', onLoad, true)
      window.addEventListener('hashchange', takeOver)
      screen.addEventListener('touchstart', takeOver)
      screen.addEventListener('mousedown', takeOver)
      // Decoded before it is inserted: the first frame of this screen already shows the page.
      var decoded = img.decode ? img.decode() : new Promise(function (resolve, reject) { img.onload = resolve; img.onerror = reject })
      decoded.then(function () {
        if (done || appShowsPage()) return startApp()
        whenParsed(function () {
          if (done) return startApp()
          document.body.insertBefore(screen, document.body.firstChild)
          observer.observe(document.documentElement, { childList: true, subtree: true })
          check()
          startAppAfterPaint()
        })
      }, function () {
        done = true
        startApp()
      })
    }

    function el(tag, className, text) {
      var node = document.createElement(tag)
      node.className = className
      // Feed text is text: never parsed as HTML.
      if (text) node.textContent = String(text)
      return node
    }

    function paint(s) {
      var size = s.textSize >= 1 && s.textSize <= 4 ? Math.floor(s.textSize) : 2
      var screen = el('div', 'first-screen reading size-' + size)
      screen.id = 'first-screen'
      var head = el('div', 'first-screen__masthead')
      head.appendChild(el('div', 'first-screen__name', s.paper))
      head.appendChild(el('div', 'first-screen__meta', s.numbers))
      head.appendChild(el('div', 'first-screen__meta', s.date))
      screen.appendChild(head)
      var tabs = el('div', 'first-screen__tabs')
      ;(Array.isArray(s.pages) ? s.pages : []).forEach(function (name, i) {
        tabs.appendChild(el('span', 'first-screen__tab' + (i === 0 ? ' first-screen__tab--on' : ''), name))
      })
      screen.appendChild(tabs)
      var list = el('div', 'first-screen__list')
      s.items.forEach(function (item) {
        var row = el('div', 'first-screen__item')
        if (item.kicker) row.appendChild(el('div', 'first-screen__kicker', item.kicker))
        row.appendChild(el('div', 'first-screen__title', item.title))
        if (item.subtitle) row.appendChild(el('div', 'first-screen__subtitle', item.subtitle))
        list.appendChild(row)
      })
      screen.appendChild(list)

      // The app takes over once it shows the issue, or anything else than its loading state. The
      // observer's callback runs before the browser paints again: no frame shows both lists.
      var done = false
      var takeOver = function () {
        if (done) return
        done = true
        observer.disconnect()
        window.removeEventListener('hashchange', takeOver)
        if (screen.parentNode) screen.parentNode.removeChild(screen)
      }
      var observer = new MutationObserver(function () {
        if (document.querySelector('#app .issue, #app .status--error, #app .status--empty')) takeOver()
      })
      whenParsed(function () {
        document.body.insertBefore(screen, document.body.firstChild)
        observer.observe(document.documentElement, { childList: true, subtree: true })
        window.addEventListener('hashchange', takeOver)
        startAppAfterPaint()
      })
    }
  }
})()
