#!/usr/bin/env python3
"""Fills empty msgstr entries of a PO file from a JSON object {msgid: msgstr}.

Usage: i18n/fill-from-json.py i18n/zh_CN.po translations.json
Multi-line msgids are matched by their joined text; entries already translated are left alone.
Prints the msgids of the JSON that matched no empty entry.
"""
import json
import re
import sys


def unquote(s):
    return json.loads('"' + s + '"')


def quote(s):
    return json.dumps(s, ensure_ascii=False)


path, table_path = sys.argv[1], sys.argv[2]
table = json.load(open(table_path, encoding="utf-8"))
lines = open(path, encoding="utf-8").read().split("\n")
out, used = [], set()
i = 0
while i < len(lines):
    line = lines[i]
    m = re.match(r'^msgid "(.*)"$', line)
    if not m:
        out.append(line)
        i += 1
        continue
    parts = [unquote(m.group(1))]
    block = [line]
    i += 1
    while i < len(lines) and lines[i].startswith('"'):
        parts.append(unquote(lines[i][1:-1]))
        block.append(lines[i])
        i += 1
    msgid = "".join(parts)
    out.extend(block)
    if msgid and msgid in table and i < len(lines) and lines[i] == 'msgstr ""' and \
            not (i + 1 < len(lines) and lines[i + 1].startswith('"')):
        text = table[msgid]
        if "\n" in text.rstrip("\n"):
            out.append('msgstr ""')
            for piece in re.findall(r'[^\n]*\n|[^\n]+$', text):
                out.append(quote(piece))
        else:
            out.append("msgstr " + quote(text))
        used.add(msgid)
        i += 1
open(path, "w", encoding="utf-8").write("\n".join(out))
for k in table:
    if k not in used:
        print("not used:", k[:70], file=sys.stderr)
