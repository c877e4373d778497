# Figures with a fixed minimum width: the page scrolls sideways on a 390 px phone.
printf 'figure { min-width: 520px; }\n' >> assets/style.css
