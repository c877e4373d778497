# What the theme did before issue 18: the sidebar scrolls away with the page (the sticky list sat
# inside a box only as tall as the list), so after one screen the left column is empty.
printf '.sidebar { position: static !important; max-height: none !important; }\n' >> assets/style.css
