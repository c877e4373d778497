#!/usr/bin/env python3
"""Every inline <svg> in the given HTML files must be well-formed XML on its own.

Prints one JSON object: {"svgs": N, "errors": [{"file", "line", "index", "error", "excerpt"}]}.
The outermost <svg>...</svg> spans are cut out of the raw HTML (nested <svg> counted), then parsed
with xml.etree; undeclared prefixes (xlink:href without xmlns:xlink) and HTML-only entities
(&nbsp;) are errors, as they would be in a standalone .svg file.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

TOKEN = re.compile(r"<svg\b|</svg\s*>|<!--.*?-->", re.I | re.S)


def spans(text):
    depth, start = 0, None
    for m in TOKEN.finditer(text):
        tok = m.group(0)
        if tok.startswith("<!--"):
            continue
        if tok.lower().startswith("<svg"):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                yield start, m.end()
    if depth > 0:
        yield start, None


def main(files):
    total, errors = 0, []
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for i, (a, b) in enumerate(spans(text), 1):
            total += 1
            line = text.count("\n", 0, a) + 1
            if b is None:
                errors.append({"file": path, "line": line, "index": i, "error": "<svg> is never closed",
                               "excerpt": text[a:a + 120]})
                continue
            src = text[a:b]
            try:
                ET.fromstring(src)
            except ET.ParseError as e:
                ln, col = e.position
                bad = src.split("\n")[ln - 1] if ln - 1 < len(src.split("\n")) else ""
                errors.append({"file": path, "line": line + ln - 1, "index": i, "error": str(e),
                               "excerpt": bad[max(0, col - 60):col + 60]})
    print(json.dumps({"svgs": total, "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
