# A CSV download link left visible in print: in the PDF it points into the (deleted) build folder.
mkdir -p data && printf 'year,value\n2022,42\n' > data/trade.csv
sed -i 's|<p>2022年跨境电商进出口规模继续增长。</p>|<p>2022年跨境电商进出口规模继续增长。<a href="data/trade.csv" download>下载 CSV</a></p>|' print.html
grep -q 'download>' print.html
