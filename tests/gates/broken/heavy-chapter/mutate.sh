# A chapter with about 160 KB of text.
python3 - <<'PY'
p = "chapters/one.html"
s = open(p, encoding="utf-8").read()
filler = "<p>" + "跨境电商进出口规模继续增长。" * 40 + "</p>\n"
s = s.replace("</main>", filler * 100 + "</main>")
open(p, "w", encoding="utf-8").write(s)
PY
