// annalist: progressive enhancements only; every page works without this file.
(function () {
  "use strict";
  // The search box needs JavaScript (search.html does the work): show it only now.
  document.querySelectorAll(".search-form, .search-page-form").forEach(function (f) { f.hidden = false; });
  // On narrow screens, start with the sidebar contents folded.
  var toggle = document.querySelector(".sidebar-toggle");
  if (toggle && window.matchMedia && window.matchMedia("(max-width: 56rem)").matches) toggle.open = false;
  // A # link of a heading or figure also copies its full address (the link itself still goes there).
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.anchor");
    if (!a || !navigator.clipboard || !window.isSecureContext) return;
    navigator.clipboard.writeText(a.href).then(function () {
      a.setAttribute("data-copied", "");
      setTimeout(function () { a.removeAttribute("data-copied"); }, 1500);
    }, function () {});
  });
  // Footnote and cross-reference previews: hovering or focusing a footnote mark or a reference
  // shows what it points to (the note, the figure's caption, the section's first lines) in a
  // tooltip; Escape or leaving closes it. Without this the links work as they are.
  var tip = null, owner = null, timer = 0;
  function text(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }
  function previewOf(a) {
    var href = a.getAttribute("href") || "";
    if (href.charAt(0) !== "#") return a.getAttribute("data-preview-title") || a.getAttribute("title") || "";
    var t = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!t) return "";
    if (t.tagName === "LI") {  // a footnote, without its back links
      var c = t.cloneNode(true);
      c.querySelectorAll(".footnote-back").forEach(function (b) { b.remove(); });
      return text(c);
    }
    var cap = t.querySelector("figcaption, caption");
    if (cap) return text(cap);
    if (/^H[1-6]$/.test(t.tagName)) {
      var next = t.nextElementSibling, s = text(t);
      while (next && !/^(P|H[1-6])$/.test(next.tagName)) next = next.nextElementSibling;
      if (next && next.tagName === "P") s += " — " + text(next);
      return s.length > 280 ? s.slice(0, 277) + "…" : s;
    }
    return text(t).slice(0, 280);
  }
  function hide() {
    clearTimeout(timer);
    if (!tip || !owner) return;
    tip.hidden = true;
    var d = (owner.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== "preview-tip"; });
    if (d.length) owner.setAttribute("aria-describedby", d.join(" ")); else owner.removeAttribute("aria-describedby");
    if (owner.hasAttribute("data-preview-title")) owner.setAttribute("title", owner.getAttribute("data-preview-title"));
    owner = null;
  }
  function show(a) {
    var s = previewOf(a);
    if (!s) return;
    hide();
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "preview-tip";
      tip.className = "preview-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    owner = a;
    if (a.hasAttribute("title")) { a.setAttribute("data-preview-title", a.getAttribute("title")); a.removeAttribute("title"); }
    a.setAttribute("aria-describedby", ((a.getAttribute("aria-describedby") || "") + " preview-tip").trim());
    tip.textContent = s;
    tip.hidden = false;
    var r = a.getBoundingClientRect(), w = tip.offsetWidth, x = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - w - 8);
    var below = r.bottom + tip.offsetHeight + 8 < window.innerHeight || r.top < tip.offsetHeight + 8;
    tip.style.left = (x + window.scrollX) + "px";
    tip.style.top = (below ? r.bottom + 6 + window.scrollY : r.top - tip.offsetHeight - 6 + window.scrollY) + "px";
  }
  function target(e) { return e.target.closest && e.target.closest(".footnote-ref a, a.xref"); }
  document.addEventListener("mouseover", function (e) {
    var a = target(e);
    if (!a || a === owner) return;
    clearTimeout(timer);
    timer = setTimeout(function () { show(a); }, 250);
  });
  document.addEventListener("mouseout", function (e) { if (target(e)) hide(); });
  document.addEventListener("focusin", function (e) { var a = target(e); if (a) show(a); });
  document.addEventListener("focusout", function (e) { if (target(e)) hide(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
