# A white value label on an orange bar (2.25:1), as the theme drew them before issue 18: axe does
# not check SVG text, the chart-contrast gate must.
printf 'svg .bar { fill: #e69f00; }\nsvg text.inside { fill: #ffffff; }\n' >> assets/style.css
sed -i '0,/<g class="axis">/s//<g class="axis"><text class="inside" x="50" y="100" text-anchor="middle">42<\/text>/' chapters/one.html
grep -q 'class="inside"' chapters/one.html
