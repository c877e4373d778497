# An unquoted attribute inside inline SVG: fine for the HTML parser (and vnu), not well-formed XML.
sed -i '0,/<rect class="bar" x="20" y="60" width="60"/s//<rect class="bar" x="20" y="60" width=60/' chapters/one.html
