document.querySelectorAll(".search-form").forEach(function (f) { f.hidden = false; });
