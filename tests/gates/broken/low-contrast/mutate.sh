# Light grey body text on white (about 2.3:1; WCAG AA needs 4.5:1).
printf 'main p { color: #aaaaaa; }\n' >> assets/style.css
