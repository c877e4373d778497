# A heading of 8 characters in a box 7 characters wide: one character alone on its last line.
sed -i 's|<h2 id="s-more">1.2 其他</h2>|<h2 id="s-more">1.2 其他</h2>\n<h3 id="s-widow">电子商务发展报告</h3>|' chapters/one.html
printf '#s-widow { width: 7.5em; font-size: 20px; letter-spacing: 0; text-wrap: wrap; }\n' >> assets/style.css
grep -q 's-widow' chapters/one.html
