// dossier serve: reloads this page when the site is rebuilt.
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script ? script.getAttribute('data-version') : null;
  var key = 'dossier-scroll:' + location.pathname;
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved !== null) {
    var y = Number(saved) || 0;
    var restore = function () { window.scrollTo(0, y); };
    restore();
    if (document.readyState !== 'complete') window.addEventListener('load', restore, { once: true });
  }
  var source = null;
  function connect() {
    if (source) return;
    source = new EventSource('/__dossier/events');
    source.onmessage = function (event) {
      if (!event.data || event.data === version) return;
      try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
      disconnect();
      location.reload();
    };
  }
  function disconnect() {
    if (source) { source.close(); source = null; }
  }
  // A hidden tab gives its connection back (browsers allow only a few per
  // server) and checks the version again when it is shown.
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener('pagehide', disconnect);
  window.addEventListener('pageshow', function () { if (!document.hidden) connect(); });
  if (!document.hidden) connect();
})();
