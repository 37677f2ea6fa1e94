/**
 * The receipt status page's only script (GET /hs/assets/live.js, same origin, so the page's CSP
 * `script-src 'self'` allows it; no inline script): it follows <its page>/events and swaps in the
 * body the hub drew again when the dossier moved. The page's own path, not "/hs/…": under a
 * front's path prefix ("/c/<centre>/hs/<token>") the stream is the prefixed one (docs/province.md).
 * Without EventSource the page is as before: a reload shows the latest status. Plain ES2017, no
 * build step, a few hundred bytes.
 */
export const DOSSIER_LIVE_SCRIPT = `'use strict';
(function () {
  var m = /^(.*\\/hs\\/[A-Za-z0-9_-]{24})\\/?$/.exec(location.pathname);
  if (!m || typeof EventSource !== 'function') return;
  var source = new EventSource(m[1] + '/events');
  source.addEventListener('dossier', function (e) {
    var data = JSON.parse(e.data);
    document.body.innerHTML = data.body;
    document.body.setAttribute('data-live', data.status);
  });
})();
`;
