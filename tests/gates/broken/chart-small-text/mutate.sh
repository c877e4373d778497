# Chart text set small in the stylesheet: 9 px in a viewBox scaled down to the phone column.
printf 'svg text { font-size: 9px; }\n' >> assets/style.css
