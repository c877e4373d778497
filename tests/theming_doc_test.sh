#!/bin/sh
# docs/THEMING.md lists every variable the built-in templates use, and lists no variable that
# no template uses (rows marked *unused* aside); ui.<key> names must be keys of the UI strings.
# Run from the source directory (ctest theming_doc does).
set -u
doc=docs/THEMING.md
[ -f "$doc" ] || { echo "$doc: not found (run from the source directory)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# Every tag: {{name}}, {{{name}}}, {{#name}}, {{^name}}, {{/name}}, {{&name}}, {{$block}}, {{<parent}}, {{>partial}}.
for f in templates/*.mustache; do
  grep -oE '\{\{\{?[#^/&$<>]?[[:space:]]*[A-Za-z_][A-Za-z0-9_.]*[[:space:]]*\}?\}\}' "$f" |
    sed -E 's|^[{]{2}[{]?([#^/&$<>]?)[[:space:]]*([A-Za-z0-9_.]+).*|\1 \2|; s|^ |= |' > "$tmp/tags"
  # Blocks, parents and partials are template names, not variables; so are their closing tags.
  awk '$1 ~ /^[$<>]$/ {print $2}' "$tmp/tags" | sort -u > "$tmp/blocks"
  awk '$1 !~ /^[$<>]$/ {print $2}' "$tmp/tags" | sort -u | comm -23 - "$tmp/blocks" | sed "s#^#$(basename "$f") #"
done > "$tmp/used"

status=0
keys=$(sed -nE 's/^([a-z_]+):.*/\1/p' templates/i18n/en.yml)
while read -r file name; do
  case "$name" in
    ui.*)
      echo "$keys" | grep -qx "${name#ui.}" || { echo "templates/$file: {{$name}} is not a UI string of templates/i18n/en.yml"; status=1; } ;;
    *)
      grep -qF "\`$name\`" "$doc" || { echo "$doc: does not list '$name' (used by templates/$file)"; status=1; } ;;
  esac
done < "$tmp/used"

# The other way: each variable row names something a template uses, or says it is unused.
awk '{print $2}' "$tmp/used" | sort -u > "$tmp/names"
grep -E '^\| `[^`]+` \|' "$doc" | grep -v '\*unused\*' | sed -E 's/^\| `([^`]+)`.*/\1/' | grep -v '^ui\.<key>$' | sort -u |
  comm -23 - "$tmp/names" > "$tmp/stale"
for n in $(cat "$tmp/stale"); do
  echo "$doc: lists '$n', which no template uses (remove it or mark it *unused*)"
  status=1
done
[ $status -eq 0 ] && echo "$doc lists all $(wc -l < "$tmp/names") variable names the templates use"
exit $status
