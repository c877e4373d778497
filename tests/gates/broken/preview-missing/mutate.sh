# A footnote mark and a cross-reference, and a site.js without previews: hovering or focusing them
# shows nothing.
sed -i '0,/见<a href="#fig-a">图1-1<\/a>/s//见<a class="xref" href="#fig-a">图1-1<\/a><sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1<\/a><\/sup>/' chapters/one.html
sed -i 's#</main>#<section class="footnotes"><ol><li id="fn-1"><p>国家统计局公报。 <a href="\#fnref-1" class="footnote-back" aria-label="返回正文">↩</a></p></li></ol></section>\n</main>#' chapters/one.html
