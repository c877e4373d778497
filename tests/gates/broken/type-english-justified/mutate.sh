# An English page with justified paragraphs (rivers between words).
sed -i 's|<html lang="zh-CN">|<html lang="en">|' chapters/two.html
printf 'main p { text-align: justify; }\n' >> assets/style.css
grep -q '<html lang="en">' chapters/two.html
