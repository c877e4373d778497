# The cover loads a script from a CDN.
sed -i 's#</head>#<script src="https://cdn.example.com/analytics.js" defer></script>\n</head>#' index.html
