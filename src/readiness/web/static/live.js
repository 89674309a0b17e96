// Live updates: the server-sent events of this page become DOM events on <body>, which
// htmx regions listen to (hx-trigger="tally from:body" or "state from:body").
(function () {
  "use strict";
  var source = document.body.getAttribute("data-events");
  if (!source || !window.EventSource) { return; }
  var stream = new EventSource(source);
  ["tally", "state"].forEach(function (name) {
    stream.addEventListener(name, function () {
      document.body.dispatchEvent(new Event(name));
    });
  });
})();
