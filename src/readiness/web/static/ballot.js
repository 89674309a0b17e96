// A participant's answers on a phone: a tapped level is the vote, saved at once (a note goes
// with it, and is saved again when the person stops typing); what is typed and not yet saved
// is kept in this tab's sessionStorage (keyed by session and question, never sent anywhere
// else) and put back after a reload or a live refresh of the page; leaving the page with a
// note not yet saved asks first. Without JavaScript the form's button saves everything.
(function () {
  "use strict";
  var PREFIX = "readiness-draft:";
  var TYPING_PAUSE = 1500; // ms after the last keystroke before a note is saved
  var busy = {}; // question key -> a save is on its way
  var again = {}; // question key -> save once more when the one on its way is back
  var timers = {};
  var leaving = false;

  function ballot() { return document.querySelector("form.ballot"); }

  function store(form, key, kind, value) {
    var name = PREFIX + form.getAttribute("data-code") + ":" + key + ":" + kind;
    try {
      if (value === null) { window.sessionStorage.removeItem(name); }
      else if (value === undefined) { return window.sessionStorage.getItem(name); }
      else { window.sessionStorage.setItem(name, value); }
    } catch (blocked) { /* private mode: no drafts, the page works as before */ }
    return null;
  }

  function section(form, key) {
    return [].slice.call(form.querySelectorAll("section[data-key]"))
      .filter(function (s) { return s.getAttribute("data-key") === key; })[0];
  }

  function parts(form, key) {
    var card = section(form, key);
    if (!card) { return null; }
    var checked = card.querySelector("input[type=radio]:checked");
    return {
      card: card,
      levels: card.querySelector("fieldset.levels"),
      level: checked ? checked.value : "",
      note: card.querySelector("textarea")
    };
  }

  function unsaved(form) {
    // The questions whose chosen level or typed note differs from what the server holds.
    return [].slice.call(form.querySelectorAll("section[data-key]")).filter(function (card) {
      var p = parts(form, card.getAttribute("data-key"));
      return p.level !== p.levels.getAttribute("data-saved")
        || (p.note && p.note.value.trim() !== p.note.getAttribute("data-saved"));
    });
  }

  function say(form, text) {
    var pending = document.getElementById("pending");
    if (!pending) { return; }
    if (!text) {
      var open = unsaved(form);
      var levelless = open.filter(function (card) {
        return !parts(form, card.getAttribute("data-key")).level;
      }).length;
      text = levelless ? "Note not saved: choose a level."
        : open.length === 1 ? "1 answer not saved yet"
        : open.length ? open.length + " answers not saved yet" : "";
    }
    pending.textContent = text;
    pending.hidden = !text;
  }

  function replace(fresh, id) {
    var now = document.getElementById(id);
    var then = fresh.getElementById(id);
    if (now && then) { now.replaceWith(document.importNode(then, true)); }
  }

  function save(form, key) {
    if (busy[key]) { again[key] = true; return; }
    var p = parts(form, key);
    if (!p || !p.level) { say(form); return; }
    var body = new URLSearchParams();
    body.append("csrf", form.querySelector("input[name=csrf]").value);
    body.append("level:" + key, p.level);
    body.append("note:" + key, p.note ? p.note.value : "");
    busy[key] = true;
    say(form, "Saving…");
    window.fetch(form.getAttribute("action"), {
      method: "POST", body: body, credentials: "same-origin"
    }).then(function (response) {
      return response.text().then(function (html) { return { ok: response.ok, html: html }; });
    }).then(function (answer) {
      var fresh = new DOMParser().parseFromString(answer.html, "text/html");
      replace(fresh, "ballot-error");
      if (answer.ok) {
        replace(fresh, "saved-" + key);
        replace(fresh, "savebar-status");
        var mine = parts(form, key);
        var theirs = fresh.getElementById("q-" + key);
        if (mine && theirs) {
          mine.levels.setAttribute("data-saved", theirs.querySelector("fieldset.levels").getAttribute("data-saved"));
          if (mine.note) { mine.note.setAttribute("data-saved", theirs.querySelector("textarea").getAttribute("data-saved")); }
        }
        forget(form, key);
        say(form);
      } else if (!fresh.getElementById("ballot-error")) {
        say(form, "Not saved: reload the page and try again.");
      } else {
        say(form, "Not saved: see the message at the top.");
      }
    }).catch(function () {
      say(form, "Not saved: no connection. Tap “Save” when it is back.");
    }).then(function () {
      busy[key] = false;
      if (again[key]) { again[key] = false; save(form, key); }
    });
  }

  function forget(form, key) {
    // Drafts that the server now holds are dropped; the others stay.
    var p = parts(form, key);
    if (!p) { return; }
    if (p.level === p.levels.getAttribute("data-saved")) { store(form, key, "level", null); }
    if (p.note && p.note.value.trim() === p.note.getAttribute("data-saved")) { store(form, key, "note", null); }
  }

  function restore() {
    var form = ballot();
    if (!form) { return; }
    [].slice.call(form.querySelectorAll("section[data-key]")).forEach(function (card) {
      var key = card.getAttribute("data-key");
      var p = parts(form, key);
      var note = store(form, key, "note");
      if (p.note && note !== null) { p.note.value = note; }
      var level = store(form, key, "level");
      var radio = level && [].slice.call(card.querySelectorAll("input[type=radio]"))
        .filter(function (r) { return r.value === level; })[0];
      if (radio && !radio.checked) { radio.checked = true; }
      forget(form, key);
      if (unsaved(form).indexOf(card) >= 0 && parts(form, key).level) { save(form, key); }
    });
    say(form);
  }

  document.addEventListener("change", function (event) {
    var form = ballot();
    var card = event.target.closest && event.target.closest("form.ballot section[data-key]");
    if (!form || !card) { return; }
    var key = card.getAttribute("data-key");
    if (event.target.type === "radio") { store(form, key, "level", event.target.value); }
    window.clearTimeout(timers[key]);
    save(form, key);
  });

  document.addEventListener("input", function (event) {
    var form = ballot();
    var card = event.target.closest && event.target.closest("form.ballot section[data-key]");
    if (!form || !card || event.target.tagName !== "TEXTAREA") { return; }
    var key = card.getAttribute("data-key");
    store(form, key, "note", event.target.value);
    say(form);
    window.clearTimeout(timers[key]);
    timers[key] = window.setTimeout(function () { save(form, key); }, TYPING_PAUSE);
  });

  document.addEventListener("submit", function (event) {
    if (event.target.matches("form.ballot")) { leaving = true; }
  });

  window.addEventListener("beforeunload", function (event) {
    var form = ballot();
    if (leaving || !form || !unsaved(form).length) { return; }
    event.preventDefault();
    event.returnValue = "";
  });

  // A live refresh (the facilitator opened, revealed or agreed) puts back what was typed.
  document.body.addEventListener("htmx:afterSettle", restore);
  restore();
})();
