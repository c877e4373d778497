# The cover links the list of figures, which was never written.
rm figures.html
grep -q 'href="figures.html"' index.html
