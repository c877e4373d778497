# The page-number margin box removed: the PDF's pages carry no numbers.
sed -i 's|@bottom-center { content: counter(page); }||' assets/style.css
! grep -q 'counter(page)' assets/style.css
