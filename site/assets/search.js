// annalist offline search: the index is a script (search-index.js), so it also works from file://.
// Queries match as case-insensitive substrings, which finds any Chinese word of 2+ characters
// and Latin words alike; several space-separated terms must all occur in a section.
(function () {
  "use strict";
  var data = window.ANNALIST_SEARCH;
  var input = document.getElementById("search-page-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!data || !input || !list) return;
  var lang = document.documentElement.lang;
  var noResults = lang === "en" ? "No matches." : "没有找到匹配的内容。";
  var resultsText = lang === "en" ? "{n} results" : "找到 {n} 处结果";
  var lower = data.sections.map(function (s) { return (s[2] + " " + s[3]).toLowerCase(); });

  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function snippet(text, term) {
    var i = text.toLowerCase().indexOf(term);
    if (i < 0) return esc(text.slice(0, 120));
    var from = Math.max(0, i - 40), to = Math.min(text.length, i + term.length + 80);
    return (from > 0 ? "…" : "") + esc(text.slice(from, i)) + "<mark>" + esc(text.slice(i, i + term.length)) +
      "</mark>" + esc(text.slice(i + term.length, to)) + (to < text.length ? "…" : "");
  }
  function run(q) {
    var terms = q.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    list.innerHTML = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < lower.length && hits.length < 200; i++) {
      if (terms.every(function (t) { return lower[i].indexOf(t) >= 0; })) hits.push(i);
    }
    status.textContent = hits.length ? resultsText.replace("{n}", hits.length) : noResults;
    var html = "";
    hits.forEach(function (i) {
      var s = data.sections[i], page = data.pages[s[0]];
      var href = page.u + (s[1] ? "#" + encodeURIComponent(s[1]) : "");
      html += '<li><a href="' + esc(href) + '">' + esc(s[2] || page.t) + "</a>" +
        '<span class="where">' + esc(page.t) + "</span><p>" + snippet(s[3], terms[0]) + "</p></li>";
    });
    list.innerHTML = html;
  }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  run(q);
  input.addEventListener("input", function () { run(input.value); });
})();
