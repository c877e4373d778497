# An image without alt text (axe: image-alt, critical; vnu: img must have an alt attribute).
sed -i 's#<h2 id="s-trade">#<p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=" width="40" height="40"></p>\n&#' chapters/one.html
