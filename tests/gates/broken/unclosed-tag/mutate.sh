# An inline element left open inside a paragraph (vnu: "End tag p seen, but there were open elements").
sed -i 's#<p>2022年跨境电商进出口规模#<p><span class="num">2022年跨境电商进出口规模#' chapters/one.html
