# Fine in light mode, unreadable in dark mode only: proves the dark scheme is checked too.
printf '@media (prefers-color-scheme: dark) { main p { color: #3a4049; } }\n' >> assets/style.css
