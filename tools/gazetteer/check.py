#!/usr/bin/env python3
"""Self-check for the generated gazetteer (rules/gazetteer/*.tsv).

Usage: python3 tools/gazetteer/check.py [DIR]   (generate.py runs it at the end;
DIR defaults to rules/gazetteer)
Exits non-zero and lists the failures if an invariant does not hold.
Needs only the Python standard library and the generated files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GAZ = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "rules" / "gazetteer"

COUNTRY_COLS = ["code", "kind", "en", "pt", "en_demonyms", "pt_demonyms", "capitals"]
CITY_COLS = ["id", "country", "capital", "population", "en", "pt", "former"]
MAX_CITIES_BYTES = 1_500_000

failures: list[str] = []


def check(cond: bool, msg: str) -> None:
    if not cond:
        failures.append(msg)


def load(name: str, cols: list[str]) -> list[dict]:
    path = GAZ / name
    raw = path.read_bytes()
    check(b"\r" not in raw, f"{name}: contains CR characters")
    text = raw.decode("utf-8")
    check(text.endswith("\n"), f"{name}: does not end with a newline")
    lines = text.split("\n")[:-1]
    header_done = False
    rows = []
    comment_lines = []
    for i, line in enumerate(lines, 1):
        if line.startswith("#"):
            check(not header_done, f"{name}:{i}: comment line after data")
            comment_lines.append(line)
            continue
        header_done = True
        fields = line.split("\t")
        check(len(fields) == len(cols), f"{name}:{i}: {len(fields)} fields, expected {len(cols)}")
        if len(fields) != len(cols):
            continue
        for c, v in zip(cols, fields):
            check(v == v.strip(), f"{name}:{i}: {c} has surrounding whitespace")
            if v:
                parts = v.split("|")
                check(all(p and p == p.strip() for p in parts),
                      f"{name}:{i}: {c} has an empty or padded '|' item: {v!r}")
                check(len(set(p.casefold() for p in parts)) == len(parts) or c == "former",
                      f"{name}:{i}: {c} has duplicate items: {v!r}")
        rows.append(dict(zip(cols, fields), _line=i))
    check(any("GENERATED" in l for l in comment_lines), f"{name}: no 'generated' header comment")
    check(comment_lines and comment_lines[-1] == "#" + "\t".join(cols),
          f"{name}: last comment line is not the column list")
    return rows


def items(v: str) -> list[str]:
    return v.split("|") if v else []


def main() -> int:
    countries = load("countries.tsv", COUNTRY_COLS)
    cities = load("cities.tsv", CITY_COLS)
    cbytes = (GAZ / "cities.tsv").stat().st_size

    # ---- countries
    codes = [r["code"] for r in countries]
    check(len(codes) == len(set(codes)), "countries: duplicate codes")
    check(codes == sorted(codes), "countries: not sorted by code")
    check(240 <= len(countries) <= 260, f"countries: {len(countries)} rows")
    states = sum(r["kind"] == "state" for r in countries)
    check(190 <= states <= 200, f"countries: {states} states")
    by_code = {r["code"]: r for r in countries}
    name_owner: dict[str, str] = {}
    for r in countries:
        check(re.fullmatch(r"[A-Z]{2}", r["code"]) is not None, f"country code {r['code']!r}")
        check(r["kind"] in ("state", "territory"), f"{r['code']}: kind {r['kind']!r}")
        check(bool(r["en"]) and bool(r["pt"]), f"{r['code']}: missing en or pt name")
        for n in items(r["en"]) + items(r["pt"]):
            check(not re.fullmatch(r"[A-Z.]{2,6}", n.replace(" ", "")), f"{r['code']}: acronym {n!r}")
            k = n.casefold()
            check(k not in name_owner or name_owner[k] == r["code"],
                  f"country name {n!r} used by {name_owner.get(k)} and {r['code']}")
            name_owner[k] = r["code"]
        if r["kind"] == "state":
            real_en = [d for d in items(r["en_demonyms"]) if not re.search(r"'s?$", d)]
            check(bool(real_en) or r["code"] == "VA", f"{r['code']}: no English demonym")
            check(bool(items(r["pt_demonyms"])), f"{r['code']}: no Portuguese demonym")

    # ---- cities
    ids = [r["id"] for r in cities]
    check(len(ids) == len(set(ids)), "cities: duplicate ids")
    keyed = [(0, int(i), "") if i.isdigit() else (1, 0, i) for i in ids]
    check(keyed == sorted(keyed), "cities: not sorted by id")
    check(all(re.fullmatch(r"\d+|x-[a-z0-9-]+", i) for i in ids), "cities: bad id")
    check(4000 <= len(cities) <= 20000, f"cities: {len(cities)} rows")
    check(cbytes < MAX_CITIES_BYTES, f"cities.tsv is {cbytes} bytes")
    by_id = {r["id"]: r for r in cities}
    for r in cities:
        where = f"cities.tsv:{r['_line']} ({r['id']})"
        check(r["country"] in by_code, f"{where}: unknown country {r['country']}")
        check(re.fullmatch(r"|current|former:\d{3,4}-\d{3,4}", r["capital"]) is not None,
              f"{where}: bad capital {r['capital']!r}")
        check(r["population"].isdigit(), f"{where}: bad population")
        check(bool(r["en"]), f"{where}: no English name")
        en_cf = {n.casefold() for n in items(r["en"])}
        for f in items(r["former"]):
            m = re.fullmatch(r"(.+):(\d{3,4})-(\d{3,4})", f)
            check(m is not None, f"{where}: bad former {f!r}")
            if m:
                check(int(m.group(2)) <= int(m.group(3)), f"{where}: reversed years {f!r}")
                check(m.group(1).casefold() in en_cf, f"{where}: former name {m.group(1)!r} not in en")

    # ---- capitals
    current_ids = set()
    for r in countries:
        caps = items(r["capitals"])
        check(len(caps) == len(set(caps)), f"{r['code']}: duplicate capitals")
        for j, cid in enumerate(caps):
            city = by_id.get(cid)
            check(city is not None, f"{r['code']}: capital {cid} not in cities.tsv")
            if city is None:
                continue
            check(city["country"] == r["code"],
                  f"{r['code']}: capital {cid} is in {city['country']}")
            if j == 0:
                check(city["capital"] == "current", f"{r['code']}: first capital {cid} not current")
            if city["capital"] == "current":
                current_ids.add(cid)
    for r in cities:
        if r["capital"]:
            country_caps = items(by_code[r["country"]]["capitals"]) if r["country"] in by_code else []
            check(r["id"] in country_caps, f"city {r['id']} marked {r['capital']} but not in {r['country']} capitals")
    no_capital = {r["code"] for r in countries if not r["capitals"]}
    check(no_capital <= {"AQ", "BV", "HM", "UM", "TK", "IO"}, f"countries without capital: {sorted(no_capital)}")

    # ---- spot checks
    def city_named(name: str, cc: str):
        hits = [r for r in cities if r["country"] == cc and items(r["en"])[0] == name]
        check(len(hits) == 1, f"expected one {cc} city preferred-named {name!r}, got {len(hits)}")
        return hits[0] if hits else None

    kz = by_code.get("KZ", {})
    check("Cazaquistão" in items(kz.get("pt", "")), "KZ pt lacks Cazaquistão")
    check(items(kz.get("en", ""))[:1] == ["Kazakhstan"], "KZ en does not start with Kazakhstan")
    check("Kazakstan" in items(kz.get("en", "")), "KZ en lacks Kazakstan")
    for d in ("Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstan's"):
        check(d in items(kz.get("en_demonyms", "")), f"KZ en_demonyms lacks {d}")
    check("cazaque" in items(kz.get("pt_demonyms", "")), "KZ pt_demonyms lacks cazaque")
    astana = city_named("Astana", "KZ")
    if astana:
        check("Nur-Sultan:2019-2022" in items(astana["former"]), "Astana former lacks Nur-Sultan:2019-2022")
        check(astana["capital"] == "current", "Astana not current capital")
        check(items(kz.get("capitals", ""))[:1] == [astana["id"]], "KZ first capital is not Astana")
    almaty = city_named("Almaty", "KZ")
    if almaty:
        check(almaty["capital"] == "former:1929-1997", "Almaty not former:1929-1997")
        check("Alma-Ata" in items(almaty["en"]), "Almaty lacks Alma-Ata")
    zh = city_named("Zhanaozen", "KZ")
    if zh:
        check("Janaozen" in items(zh["en"]), "Zhanaozen lacks Janaozen")
    moscow = city_named("Moscow", "RU")
    if moscow:
        check({"Moscou", "Moscovo"} <= set(items(moscow["pt"])), "Moscow pt lacks Moscou/Moscovo")
    kyiv = city_named("Kyiv", "UA")
    if kyiv:
        check("Kiev" in items(kyiv["en"]), "Kyiv lacks Kiev")
        check("Quieve" in items(kyiv["pt"]), "Kyiv pt lacks Quieve")
    for cc, name, pt in (("CN", "Beijing", "Pequim"), ("GB", "London", "Londres"), ("JP", "Tokyo", "Tóquio"),
                         ("US", "New York City", "Nova York"), ("US", "New York City", "Nova Iorque"),
                         ("CH", "Geneva", "Genebra"), ("PL", "Warsaw", "Varsóvia"),
                         ("MX", "Mexico City", "Cidade do México")):
        c = city_named(name, cc)
        if c:
            check(pt in items(c["pt"]), f"{name} pt lacks {pt}")
    for code, names in (("IR", ("Irã", "Irão")), ("KE", ("Quênia", "Quénia")),
                        ("NL", ("Países Baixos", "Holanda")), ("US", ("Estados Unidos",))):
        for n in names:
            check(n in items(by_code.get(code, {}).get("pt", "")), f"{code} pt lacks {n}")
    for d in ("russo", "russa", "russos", "russas"):
        check(d in items(by_code.get("RU", {}).get("pt_demonyms", "")), f"RU pt_demonyms lacks {d}")
    for d in ("brasileiro", "brasileira", "brasileiros", "brasileiras"):
        check(d in items(by_code.get("BR", {}).get("pt_demonyms", "")), f"BR pt_demonyms lacks {d}")
    check(by_code.get("BR", {}).get("capitals", "").split("|")[0] == (city_named("Brasília", "BR") or {}).get("id"),
          "BR capital is not Brasília")

    if failures:
        print(f"gazetteer check: {len(failures)} FAILED", file=sys.stderr)
        for f in failures[:200]:
            print("  " + f, file=sys.stderr)
        return 1
    print(f"gazetteer check: OK ({len(countries)} countries, {states} states, "
          f"{len(cities)} cities, cities.tsv {cbytes} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
