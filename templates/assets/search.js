// annalist offline search. search-index.js lists the shards of the index; a query loads only the
// shards holding its tokens (search/tK.js) and the text of the pages it shows (search/pI.js), as
// <script> elements, so it works from file:// too. generator/search_tokens.h and search_index.h
// describe the tokens and the files; the rules below must match them.
// Each space-separated term must occur in a section (as a case-insensitive substring); Chinese is
// found through its character pairs, Latin words by prefix. Pages rank by title hits, then heading
// hits, then how often the rarest term occurs; every term is highlighted in a snippet.
(function () {
  "use strict";
  var index = window.ANNALIST_SEARCH;
  var input = document.getElementById("search-page-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!index || index.v !== 2 || !input || !list) return;
  var en = document.documentElement.lang === "en";
  var noResults = en ? "No matches." : "没有找到匹配的内容。";
  var resultsText = en ? "{n} matching pages" : "找到 {n} 个匹配的页面";
  var moreText = en ? "More results" : "更多结果";
  var failedText = en ? "Part of the search index could not be loaded." : "部分搜索索引无法加载。";
  var PAGES_AT_ONCE = 10, MAX_WORD = 24, MAX_PREFIX_SHARDS = 4;
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var digitValue = {};
  for (var d = 0; d < DIGITS.length; d++) digitValue[DIGITS.charAt(d)] = d;

  // Loading the index's files: each calls annalistSearchLoaded(kind, number, data).
  var loaded = {}, loading = {};
  window.annalistSearchLoaded = function (kind, n, data) { loaded[kind + n] = data; };
  function load(kind, n) {
    var key = kind + n;
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = "search/" + key + ".js";
        s.onload = function () { resolve(loaded[key] || null); };
        s.onerror = function () { resolve(null); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  }

  // Tokens, as generator/search_tokens.cpp makes them.
  function fold(s) {
    return s.replace(/[A-Z\u00C0-\u00D6\u00D8-\u00DE]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) + 32);
    });
  }
  function isCjk(c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
      (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
  }
  function isWord(c) {
    return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ||
      (c >= 0xC0 && c <= 0x24F && c !== 0xD7 && c !== 0xF7) || (c >= 0x370 && c <= 0x52F);
  }
  // A query term's tokens: CJK pairs (a lone CJK character stands for itself), words by prefix.
  function termTokens(term) {
    var out = [], word = "", run = "";
    function endRun() {
      if (run.length === 1) out.push({ t: run, prefix: false });
      for (var i = 0; i + 1 < run.length; i++) out.push({ t: run.substr(i, 2), prefix: false });
      run = "";
    }
    function endWord() {
      if (word) out.push({ t: word.substr(0, MAX_WORD), prefix: word.length < MAX_WORD });
      word = "";
    }
    for (var i = 0; i < term.length; i++) {
      var c = term.charCodeAt(i);
      if (isWord(c)) { endRun(); word += term.charAt(i); }
      else if (isCjk(c)) { endWord(); run += term.charAt(i); }
      else { endWord(); endRun(); }
    }
    endWord();
    endRun();
    return out;
  }

  // The shards that may hold a token (for a prefix: every token from it up to its last extension).
  function shardOf(t) {
    var lo = 0, hi = index.shards.length - 1, k = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (index.shards[mid] <= t) { k = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return k;
  }
  function shardsOf(tok) {
    var first = shardOf(tok.t), exact = first >= 0 ? [first] : [];
    if (!tok.prefix) return exact;
    var last = shardOf(tok.t + "\uFFFF"), from = Math.max(first, 0), out = [];
    if (last < 0 || last - from >= MAX_PREFIX_SHARDS) return exact;  // a short prefix: the word itself
    for (var k = from; k <= last; k++) out.push(k);
    return out;
  }
  function decode(code, into) {
    var page = 0, nums = [], n = 0;
    for (var i = 0; i < code.length; i++) {
      var v = digitValue[code.charAt(i)];
      if (v >= 32) n = n * 32 + (v - 32);
      else { nums.push(n * 32 + v); n = 0; }
    }
    for (var j = 0; j + 1 < nums.length; j += 2) {
      page += nums[j];
      var w = into[page] || 0, x = nums[j + 1];
      into[page] = (Math.floor(w / 4) + Math.floor(x / 4)) * 4 + ((w | x) & 3);
    }
  }
  // page -> weight for a token, from the shards loaded.
  function postings(tok, shards) {
    var into = {};
    shards.forEach(function (shard) {
      if (!shard) return;
      if (!tok.prefix) { if (Object.prototype.hasOwnProperty.call(shard, tok.t)) decode(shard[tok.t], into); return; }
      for (var key in shard) if (key.lastIndexOf(tok.t, 0) === 0) decode(shard[key], into);
    });
    return into;
  }

  // The pages holding every token, best first.
  function rank(lists) {
    var pages = [];
    for (var p in lists[0]) {
      var title = true, heading = true, freq = Infinity;
      for (var i = 0; i < lists.length; i++) {
        var w = lists[i][p];
        if (w === undefined) { freq = -1; break; }
        title = title && (w & 1) === 1;
        heading = heading && (w & 3) !== 0;
        freq = Math.min(freq, Math.floor(w / 4));
      }
      if (freq >= 0) pages.push({ page: +p, key: [title ? 1 : 0, heading ? 1 : 0, freq] });
    }
    pages.sort(function (a, b) {
      for (var k = 0; k < 3; k++) if (a.key[k] !== b.key[k]) return b.key[k] - a.key[k];
      return a.page - b.page;
    });
    return pages.map(function (x) { return x.page; });
  }

  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function count(hay, term) {
    var n = 0;
    for (var i = hay.indexOf(term); i >= 0; i = hay.indexOf(term, i + term.length)) n++;
    return n;
  }
  // text[from, to) escaped, every occurrence of a term marked (fold keeps the length).
  function highlight(text, from, to, terms) {
    var low = fold(text);
    var out = "", i = from;
    while (i < to) {
      var len = 0;
      for (var t = 0; t < terms.length; t++) {
        if (terms[t].length > len && low.substr(i, terms[t].length) === terms[t]) len = terms[t].length;
      }
      if (len) { out += "<mark>" + esc(text.substr(i, len)) + "</mark>"; i += len; }
      else { out += esc(text.charAt(i)); i++; }
    }
    return out;
  }
  function snippet(text, terms) {
    var low = fold(text), first = -1;
    terms.forEach(function (t) {
      var i = low.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    if (first < 0) first = 0;
    var from = Math.max(0, first - 40), to = Math.min(text.length, first + 160);
    return (from > 0 ? "…" : "") + highlight(text, from, to, terms) + (to < text.length ? "…" : "");
  }
  // One page's matching sections as list items ("" when none matches: the pairs were apart).
  function pageResults(data, terms) {
    var hits = [];
    data.s.forEach(function (s, n) {
      var title = fold(s[1] || data.t), text = fold(s[2]), hay = title + " " + text;
      if (!terms.every(function (t) { return hay.indexOf(t) >= 0; })) return;
      var inTitle = terms.every(function (t) { return title.indexOf(t) >= 0; });
      var freq = terms.reduce(function (a, t) { return a + count(text, t); }, 0);
      hits.push({ s: s, n: n, key: [inTitle ? 1 : 0, freq] });
    });
    hits.sort(function (a, b) { return b.key[0] - a.key[0] || b.key[1] - a.key[1] || a.n - b.n; });
    return hits.map(function (h) {
      var href = data.u + (h.s[0] ? "#" + encodeURIComponent(h.s[0]) : "");
      var title = h.s[1] || data.t;  // not marked: the link colour on the mark colour is too faint in dark mode
      return '<li><a href="' + esc(href) + '">' + esc(title) + "</a>" +
        '<span class="where">' + esc(data.t) + "</span><p>" + snippet(h.s[2], terms) + "</p></li>";
    }).join("");
  }

  var generation = 0, more = null;
  function setMore(fn) {
    if (!more) {
      more = document.createElement("button");
      more.type = "button";
      more.className = "search-more";
      more.textContent = moreText;
      list.parentNode.insertBefore(more, list.nextSibling);
      more.addEventListener("click", function () { if (more.run) more.run(); });
    }
    more.run = fn;
    more.hidden = !fn;
  }
  function show(gen, ranked, terms, at, found) {
    var batch = ranked.slice(at, at + PAGES_AT_ONCE);
    setMore(null);
    Promise.all(batch.map(function (p) { return load("p", p); })).then(function (datas) {
      if (gen !== generation) return;
      var html = "", failed = false;
      datas.forEach(function (data) {
        if (!data) { failed = true; return; }
        var items = pageResults(data, terms);
        if (items) html += items; else found--;
      });
      list.insertAdjacentHTML("beforeend", html);
      status.textContent = (found ? resultsText.replace("{n}", found) : noResults) + (failed ? " " + failedText : "");
      var next = at + PAGES_AT_ONCE;
      if (next < ranked.length) setMore(function () { show(gen, ranked, terms, next, found); });
    });
  }
  function run(q) {
    var gen = ++generation;
    var terms = fold(q).split(/\s+/).filter(function (t, i, all) { return t && all.indexOf(t) === i; });
    list.innerHTML = "";
    setMore(null);
    var tokens = [];
    terms.forEach(function (t) { tokens = tokens.concat(termTokens(t)); });
    if (!terms.length) { status.textContent = ""; return; }
    if (!tokens.length) { status.textContent = noResults; return; }
    var wanted = tokens.map(shardsOf);
    Promise.all(wanted.map(function (ks) {
      return Promise.all(ks.map(function (k) { return load("t", k); }));
    })).then(function (shards) {
      if (gen !== generation) return;
      var ranked = rank(tokens.map(function (tok, i) { return postings(tok, shards[i]); }));
      if (!ranked.length) { status.textContent = noResults; return; }
      show(gen, ranked, terms, 0, ranked.length);
    });
  }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  run(q);
  input.addEventListener("input", function () { run(input.value); });
})();
