# The theme's rule before print.html lost its narrow chart layouts (issue 22): on a phone every wide
# layout is hidden, so a chart that has the wide layout only (print.html's) is shown nowhere.
sed -i 's|<figure id="fig-c">|<figure id="fig-c" class="figure chart">|; s|<svg xmlns="http://www.w3.org/2000/svg" viewBox|<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-wide" viewBox|' print.html
grep -q 'class="chart-svg chart-wide"' print.html || { echo "mutate: print.html has no chart to mark"; exit 1; }
printf '@media (max-width: 37.5rem) { .chart svg.chart-wide { display: none; } }\n' >> assets/style.css
