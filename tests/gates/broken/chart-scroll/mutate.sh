# What the theme did before issue 18: charts keep a 26rem minimum width and the figure scrolls
# sideways on a phone (the page does not, so the layout gate stays quiet).
printf 'figure { overflow-x: auto; }\nfigure svg { min-width: 26rem; }\n' >> assets/style.css
