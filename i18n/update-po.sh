#!/usr/bin/env bash
# Extracts every user-visible string (_(), tr(), N_(), wxTRANSLATE()) from core/, cli/ and
# gui/ into i18n/jiayi.pot, merges it into each <lang>.po, and reports untranslated entries.
# Code-list labels get their official Chinese term from core/rules/CodeLists.cpp.
set -euo pipefail
cd "$(dirname "$0")/.."
find core sync cli gui -name '*.cpp' -o -name '*.h' | sort > /tmp/jiayi-po-files.txt
xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=tr --keyword=N_ \
  --keyword=wxTRANSLATE --keyword=wxPLURAL:1,2 --add-comments=TRANSLATORS \
  --package-name=jiayi --sort-by-file -f /tmp/jiayi-po-files.txt -o i18n/jiayi.pot
for lang in $(grep -v '^#' i18n/LINGUAS); do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "i18n/$lang.po" i18n/jiayi.pot
  if [ "$lang" = zh_CN ]; then python3 i18n/fill-codelists.py "i18n/$lang.po"; fi
  untranslated=$(msgattrib --untranslated --no-obsolete "i18n/$lang.po" | grep -c '^msgid ' || true)
  echo "$lang: $(( untranslated > 0 ? untranslated - 1 : 0 )) untranslated"
done
