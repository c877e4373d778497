# The stylesheet pulls a web font from another host.
printf '@font-face { font-family: "Web"; src: url("https://fonts.example.com/web.woff2") format("woff2"); }\n' >> assets/style.css
