# A caption that breaks away from its figure: the caption ends its page, the chart is on the next.
printf '@media print { figcaption { break-after: page; } }\n' >> assets/style.css
