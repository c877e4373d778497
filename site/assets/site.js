// annalist: progressive enhancements only; every page works without this file.
(function () {
  "use strict";
  // The search box needs JavaScript (search.html does the work): show it only now.
  document.querySelectorAll(".search-form, .search-page-form").forEach(function (f) { f.hidden = false; });
  // On narrow screens, start with the sidebar contents folded.
  var toggle = document.querySelector(".sidebar-toggle");
  if (toggle && window.matchMedia && window.matchMedia("(max-width: 56rem)").matches) toggle.open = false;
})();
