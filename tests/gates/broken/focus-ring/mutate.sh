# The keyboard focus ring in the chart orange: 2.25:1 on white (needs 3:1).
printf ':focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }\n' >> assets/style.css
