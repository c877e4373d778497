# Figures (charts and tables) are hidden until a script marks the page as "js".
printf 'figure { display: none; }\n.js figure { display: block; }\n' >> assets/style.css
printf 'document.documentElement.classList.add("js");\n' >> assets/site.js
