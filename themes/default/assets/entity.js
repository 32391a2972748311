// Entity page tabs (Overview, Docs, API, Dependencies, Scorecards, Create): without this script every section is
// shown in turn and the tab bar is a list of in-page links; with it, one section at a time, chosen by the address's
// #fragment (so a tab can be linked to and the back button works), with the arrow keys of WAI-ARIA tabs.
(function () {
  "use strict";
  var bar = document.querySelector(".entity-tabs");
  if (!bar) {
    return;
  }
  var links = Array.prototype.slice.call(bar.querySelectorAll("a[data-tab]"));
  var panels = links.map(function (a) { return document.getElementById(a.getAttribute("data-tab")); });
  bar.setAttribute("role", "tablist");
  links.forEach(function (a, i) {
    a.setAttribute("role", "tab");
    a.id = "tab-" + a.getAttribute("data-tab");
    if (panels[i]) {
      panels[i].setAttribute("role", "tabpanel");
      panels[i].setAttribute("aria-labelledby", a.id);
      panels[i].removeAttribute("aria-label");
    }
  });

  // The panel holding an element (a #problems link points inside Overview), or null.
  function panelOf(id) {
    var target = id && document.getElementById(id);
    for (var i = 0; target && i < panels.length; i++) {
      if (panels[i] && (panels[i] === target || panels[i].contains(target))) {
        return i;
      }
    }
    return -1;
  }

  function show(index, focus) {
    links.forEach(function (a, i) {
      var on = i === index;
      a.setAttribute("aria-selected", on ? "true" : "false");
      a.tabIndex = on ? 0 : -1;
      if (panels[i]) {
        panels[i].hidden = !on;
      }
    });
    if (focus) {
      links[index].focus();
    }
  }

  function fromAddress() {
    var id = decodeURIComponent(location.hash.slice(1));
    var index = panelOf(id);
    show(index >= 0 ? index : 0, false);
    var target = id && document.getElementById(id);
    if (index >= 0 && target && target !== panels[index]) {
      target.scrollIntoView();
    }
  }

  bar.addEventListener("click", function (event) {
    var a = event.target.closest("a[data-tab]");
    if (!a) {
      return;
    }
    event.preventDefault();
    history.replaceState(null, "", "#" + a.getAttribute("data-tab"));
    show(links.indexOf(a), false);
  });
  bar.addEventListener("keydown", function (event) {
    var current = links.indexOf(document.activeElement);
    if (current < 0) {
      return;
    }
    var next = {ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: links.length - 1}[event.key];
    if (next === undefined) {
      return;
    }
    event.preventDefault();
    next = (next + links.length) % links.length;
    history.replaceState(null, "", "#" + links[next].getAttribute("data-tab"));
    show(next, true);
  });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
}());

// The docs hub's and APIs page's filter: rows whose words hold every word typed.
(function () {
  "use strict";
  var form = document.getElementById("hub-filter");
  var table = document.getElementById("hub-table");
  if (!form || !table) {
    return;
  }
  var input = document.getElementById("hub-filter-text");
  var count = document.getElementById("hub-count");
  var empty = document.getElementById("hub-empty");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var noun = count.textContent.replace(/^[0-9]+ /, "");
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-text");
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    count.textContent = shown + " " + noun;
    empty.hidden = shown !== 0;
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", apply);
  form.hidden = false;
}());
