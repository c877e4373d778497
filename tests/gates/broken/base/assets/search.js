(function () {
  "use strict";
  var data = window.ANNALIST_SEARCH, list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var q = new URLSearchParams(window.location.search).get("q") || "";
  if (!data || !list || !q) return;
  var hits = data.sections.filter(function (s) { return (s[2] + s[3]).indexOf(q) >= 0; });
  status.textContent = "找到 " + hits.length + " 处结果";
  hits.forEach(function (s) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = data.pages[s[0]].u + "#" + s[1];
    a.textContent = s[2];
    li.appendChild(a);
    list.appendChild(li);
  });
})();
