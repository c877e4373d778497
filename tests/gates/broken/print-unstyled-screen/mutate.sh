# print.html is left full width on screen (it is every page's "print version" link).
printf 'main { max-width: none !important; }\n' >> assets/style.css
