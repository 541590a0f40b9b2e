#!/usr/bin/env bash
# Fails when a user-visible string of core/, cli/ or gui/ has no zh_CN translation
# (Chinese is what users see by default). Writes nothing in the source tree.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find core sync cli gui -name '*.cpp' -o -name '*.h' | sort > "$tmp/files"
xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=tr --keyword=N_ \
  --keyword=wxTRANSLATE --keyword=wxPLURAL:1,2 -f "$tmp/files" -o "$tmp/jiayi.pot"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/zh_CN.po" i18n/zh_CN.po "$tmp/jiayi.pot"
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/zh_CN.po" 2>&1)
if echo "$stats" | grep -qE 'untranslated|fuzzy'; then
  echo "zh_CN translations missing ($stats); run i18n/update-po.sh and fill them in:"
  msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po" | grep -A1 '^msgid' | head -40
  exit 1
fi
echo "zh_CN: every string translated"
