# The appendix title is a styled paragraph, not a heading: the PDF outline has no bookmark for it.
sed -i 's|<h1>附录A 资料</h1>|<p class="h1">附录A 资料</p>|' print.html
grep -q '<p class="h1">' print.html
