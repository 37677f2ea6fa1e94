/**
 * The receipt status page's only script (GET /hs/assets/live.js, same origin, so the page's CSP
 * `script-src 'self'` allows it; no inline script): it follows /hs/<token>/events and swaps in the
 * body the hub drew again when the dossier moved. Without EventSource the page is as before: a
 * reload shows the latest status. Plain ES2017, no build step, a few hundred bytes.
 */
export const DOSSIER_LIVE_SCRIPT = `'use strict';
(function () {
  var m = /^\\/hs\\/([A-Za-z0-9_-]{24})\\/?$/.exec(location.pathname);
  if (!m || typeof EventSource !== 'function') return;
  var source = new EventSource('/hs/' + m[1] + '/events');
  source.addEventListener('dossier', function (e) {
    var data = JSON.parse(e.data);
    document.body.innerHTML = data.body;
    document.body.setAttribute('data-live', data.status);
  });
})();
`;
