# A cross-reference to a figure id that does not exist.
sed -i 's/<a href="#fig-a">/<a href="#fig-nowhere">/' chapters/one.html
