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
})();
