#!/usr/bin/env python3
"""Validate the labelled crosscheck test corpus.

For every ``*.expect.toml`` under ``tests/corpus/`` (or under the directories
given on the command line) this script checks that:

* exactly one article ``<stem>.md`` or ``<stem>.txt`` sits next to it;
* the TOML only uses ``[[finding]]`` and ``[[clean]]`` tables;
* every finding has a known ``kind``, an ``a`` and a ``note``;
* every clean pair has ``a``, ``b`` and a ``note``;
* every ``a``/``b`` occurs exactly once in the article (byte-exact, UTF-8,
  overlapping occurrences counted).

It also warns (without failing) about anchors outside 3-12 words, ``a``/``b``
spans that overlap, articles without labels, and article bodies outside
150-450 words.  At the end it prints, per language (the first directory under
the corpus root, e.g. ``en`` or ``pt``), the number of articles per split, the
number of error-free articles, findings per kind and clean pairs.

Exit status is 1 if any error was found, else 0.  Needs Python 3.11+.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

KINDS = [
    "place",
    "number",
    "polarity",
    "time",
    "state",
    "role",
    "number-extra",
    "date",
    "quote",
    "certainty",
    "name-drift",
    "acronym",
    "place-confusion",
    "sourcing",
]
ARTICLE_EXTS = (".md", ".txt")
SUFFIX = ".expect.toml"


def count_occurrences(hay: bytes, needle: bytes) -> list[int]:
    """Start offsets of all (overlapping) occurrences of needle in hay."""
    out = []
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return out
        out.append(i)
        start = i + 1


def body_words(text: str) -> int:
    """Word count of an article, ignoring a leading YAML front matter block."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end >= 0:
            text = text[end + 4 :]
    return len(text.split())


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    roots = [Path(a).resolve() for a in argv] or [here]
    errors: list[str] = []
    warnings: list[str] = []
    # lang -> stats
    articles: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    cleans: Counter = Counter()
    no_error: Counter = Counter()
    labelled_articles: set[Path] = set()

    for root in roots:
        for toml_path in sorted(root.rglob("*" + SUFFIX)):
            rel = toml_path.relative_to(root)
            lang = rel.parts[0] if len(rel.parts) > 1 else root.name
            split = rel.parts[1] if len(rel.parts) > 2 else "-"
            stem = toml_path.name[: -len(SUFFIX)]
            cands = [toml_path.with_name(stem + e) for e in ARTICLE_EXTS]
            found = [c for c in cands if c.exists()]
            if len(found) != 1:
                errors.append(f"{rel}: expected exactly one article among "
                              f"{[c.name for c in cands]}, found {len(found)}")
                continue
            art = found[0]
            labelled_articles.add(art)
            raw = art.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                errors.append(f"{art.name}: not valid UTF-8 ({e})")
                continue
            n_words = body_words(text)
            if not 150 <= n_words <= 450:
                warnings.append(f"{art.relative_to(root)}: {n_words} words (outside 150-450)")
            try:
                data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                errors.append(f"{rel}: TOML error: {e}")
                continue
            extra = set(data) - {"finding", "clean"}
            if extra:
                errors.append(f"{rel}: unknown top-level keys {sorted(extra)}")
            findings = data.get("finding", [])
            clean = data.get("clean", [])
            articles[lang][split] += 1
            if not findings:
                no_error[lang] += 1

            def check_anchor(where: str, entry: dict, key: str, required: bool) -> list[int] | None:
                val = entry.get(key)
                if val is None:
                    if required:
                        errors.append(f"{where}: missing '{key}'")
                    return None
                if not isinstance(val, str) or not val.strip():
                    errors.append(f"{where}: '{key}' must be a non-empty string")
                    return None
                occ = count_occurrences(raw, val.encode("utf-8"))
                if len(occ) != 1:
                    errors.append(f"{where}: '{key}' occurs {len(occ)} times "
                                  f"(must be exactly once): {val!r}")
                    return None
                nw = len(val.split())
                if not 3 <= nw <= 12:
                    warnings.append(f"{where}: '{key}' has {nw} words (aim for 3-12): {val!r}")
                return [occ[0], occ[0] + len(val.encode('utf-8'))]

            def check_pair(where: str, entry: dict, is_finding: bool) -> None:
                allowed = {"kind", "a", "b", "note"} if is_finding else {"a", "b", "note"}
                b_required = not is_finding
                unknown = set(entry) - allowed
                if unknown:
                    errors.append(f"{where}: unknown keys {sorted(unknown)}")
                if not isinstance(entry.get("note"), str) or not entry.get("note", "").strip():
                    errors.append(f"{where}: missing or empty 'note'")
                sa = check_anchor(where, entry, "a", True)
                sb = check_anchor(where, entry, "b", b_required)
                if sa and sb and sa[0] < sb[1] and sb[0] < sa[1]:
                    warnings.append(f"{where}: 'a' and 'b' spans overlap")

            for i, f in enumerate(findings, 1):
                where = f"{rel} finding #{i}"
                kind = f.get("kind")
                if kind not in KINDS:
                    errors.append(f"{where}: unknown kind {kind!r}")
                else:
                    kinds[lang][kind] += 1
                check_pair(where, f, True)
            for i, c in enumerate(clean, 1):
                where = f"{rel} clean #{i}"
                check_pair(where, c, False)
                cleans[lang] += 1

        for art in sorted(p for e in ARTICLE_EXTS for p in root.rglob("*" + e)):
            if art.name.lower().startswith("readme"):
                continue
            if art not in labelled_articles:
                warnings.append(f"{art.relative_to(root)}: article has no {SUFFIX}")

    for lang in sorted(articles):
        splits = articles[lang]
        total = sum(splits.values())
        split_txt = ", ".join(f"{k} {v}" for k, v in sorted(splits.items()))
        print(f"== {lang}: {total} articles ({split_txt}); "
              f"{no_error[lang]} with no planted error; "
              f"{sum(kinds[lang].values())} findings; {cleans[lang]} clean pairs")
        for k in KINDS:
            print(f"   {k:16s} {kinds[lang][k]}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
