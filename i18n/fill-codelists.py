#!/usr/bin/env python3
"""Fills the zh_CN msgstr of code-list labels with the official term from CodeLists.cpp.

The code lists hold {code, N_("English label"), "official Chinese term"}: the official
term of the national form is the Chinese translation, so it is written once, in code.
Entries that already have a translation are left alone.
"""
import re
import sys

src = open("core/rules/CodeLists.cpp", encoding="utf-8").read()
official = {}
for english, chinese in re.findall(r'N_\("((?:[^"\\]|\\.)*)"\),\s*"([^"]*)"\}', src):
    official.setdefault(english, chinese)

path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
out = []
i = 0
while i < len(lines):
    line = lines[i]
    out.append(line)
    m = re.match(r'^msgid "(.*)"$', line)
    if m and m.group(1) in official and i + 1 < len(lines) and lines[i + 1] == 'msgstr ""':
        out.append('msgstr "%s"' % official[m.group(1)])
        i += 2
        continue
    i += 1
open(path, "w", encoding="utf-8").write("\n".join(out))
