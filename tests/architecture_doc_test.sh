#!/bin/sh
# docs/ARCHITECTURE.md names every file of generator/ and no file that is not there, so the page
# cannot go stale silently. A file counts as named when the page writes `name.h`, `name.cpp`,
# `name.h/.cpp` (both) or generator/name.h; names in other directories (tests/x.cpp) are not
# generator files. Run from the source directory (ctest architecture_doc does).
set -u
doc=docs/ARCHITECTURE.md
[ -f "$doc" ] || { echo "$doc: not found (run from the source directory)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ls generator | grep -E '\.(h|cpp)$' | sort -u > "$tmp/files"
# Names standing alone or after generator/, not after another directory or a dot.
grep -oE '(^|generator/|[^/.A-Za-z0-9_-])[a-z0-9_]+\.(h|cpp)(/\.cpp)?($|[^A-Za-z0-9_])' "$doc" |
  grep -oE '[a-z0-9_]+\.(h|cpp)(/\.cpp)?' |
  sed -E 's#^([a-z0-9_]+)\.h/\.cpp$#\1.h\n\1.cpp#; s#/\.cpp$##' | sort -u > "$tmp/named"

status=0
for f in $(comm -23 "$tmp/files" "$tmp/named"); do
  echo "$doc: generator/$f is not described (add a paragraph for it)"
  status=1
done
for f in $(comm -13 "$tmp/files" "$tmp/named"); do
  echo "$doc: names generator/$f, which does not exist (describe the files as they are)"
  status=1
done
[ $status -eq 0 ] && echo "$doc names all $(wc -l < "$tmp/files") files of generator/"
exit $status
