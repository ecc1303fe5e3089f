#!/usr/bin/env python3
"""Check the Portuguese labelled corpus.

For every article (NNN-slug.md / NNN-slug.txt) in dev/ and holdout/:
  * a NNN-slug.expect.toml must exist next to it;
  * every [[finding]] has a known kind and an `a` (and optional `b`) that
    occurs exactly once in the article (byte-exact);
  * every [[clean]] has `a` and `b` occurring exactly once;
  * word count is within 150..450.
Prints counts of articles, findings per kind and clean pairs.
With --dates, also lists "weekday, D de mês [de YYYY]" phrases with the
real weekday (year taken from the phrase or --year) for manual review.
With --acronyms, lists all-caps tokens and whether a "(TOKEN" definition exists.
"""
import collections, datetime, pathlib, re, sys, tomllib

KINDS = {"place", "number", "polarity", "time", "state", "role", "number-extra",
         "date", "quote", "certainty", "name-drift", "acronym",
         "place-confusion", "sourcing"}
ROOT = pathlib.Path(__file__).resolve().parent
MONTHS = {m: i + 1 for i, m in enumerate(
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split())}
WD = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"]


def count(text, s):
    n, i = 0, text.find(s)
    while i != -1:
        n += 1
        i = text.find(s, i + 1)
    return n


def main():
    errors, per_kind, n_clean, n_art = [], collections.Counter(), 0, 0
    rows = []
    show_dates = "--dates" in sys.argv
    show_acr = "--acronyms" in sys.argv
    for split in ("dev", "holdout"):
        for art in sorted((ROOT / split).glob("*")):
            if art.suffix not in (".md", ".txt") or art.name.endswith(".expect.toml"):
                continue
            n_art += 1
            text = art.read_text(encoding="utf-8")
            if not re.match(r"^\d{3}-[a-z0-9-]+\.(md|txt)$", art.name):
                errors.append(f"{art.name}: bad file name")
            words = len(re.findall(r"\w+", re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)))
            if not 150 <= words <= 450:
                errors.append(f"{art.name}: {words} words (want 150..450)")
            lab = art.with_name(art.stem + ".expect.toml")
            if not lab.exists():
                errors.append(f"{art.name}: missing {lab.name}")
                continue
            data = tomllib.loads(lab.read_text(encoding="utf-8"))
            unknown = set(data) - {"finding", "clean"}
            if unknown:
                errors.append(f"{lab.name}: unknown tables {unknown}")
            kinds = []
            for f in data.get("finding", []):
                k = f.get("kind")
                if k not in KINDS:
                    errors.append(f"{lab.name}: unknown kind {k!r}")
                kinds.append(k)
                per_kind[k] += 1
                for key in ("a", "b"):
                    if key == "b" and key not in f:
                        continue
                    c = count(text, f.get(key, ""))
                    if not f.get(key) or c != 1:
                        errors.append(f"{lab.name}: finding {k} {key}={f.get(key)!r} occurs {c}x")
                if "note" not in f:
                    errors.append(f"{lab.name}: finding {k} without note")
            cl = data.get("clean", [])
            for c_ in cl:
                n_clean += 1
                for key in ("a", "b"):
                    c = count(text, c_.get(key, ""))
                    if not c_.get(key) or c != 1:
                        errors.append(f"{lab.name}: clean {key}={c_.get(key)!r} occurs {c}x")
            rows.append((f"{split}/{art.name}", words, ", ".join(kinds) or "(none)", len(cl)))
            if show_dates:
                year = re.search(r"\b(20\d\d)\b", text)
                for m in re.finditer(r"(segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo),? (\d{1,2}) de (\w+)(?: de (\d{4}))?", text):
                    y = int(m.group(4) or (year.group(1) if year else 0))
                    mon = MONTHS.get(m.group(3).lower())
                    if y and mon:
                        real = WD[datetime.date(y, mon, int(m.group(2))).weekday()]
                        flag = "OK " if real == m.group(1) else "BAD"
                        print(f"  {flag} {art.name}: {m.group(0)!r} (year {y}) real={real}")
            if show_acr:
                toks = sorted(set(re.findall(r"\b[A-ZÁÉÍÓÚÂÊÔÃÕÇ]{2,}[a-z]*\b", text)))
                for t in toks:
                    if t.isupper() or re.match(r"^[A-Z][a-z]+$", t) is None:
                        d = ("(" + t) in text
                        print(f"  {art.name}: {t} {'defined' if d else 'NOT defined'}")
    w = max(len(r[0]) for r in rows) if rows else 10
    print(f"{'file':<{w}}  words  clean  kinds")
    for r in rows:
        print(f"{r[0]:<{w}}  {r[1]:>5}  {r[3]:>5}  {r[2]}")
    print(f"\narticles: {n_art}  (no-error: {sum(1 for r in rows if r[2]=='(none)')})")
    print(f"findings: {sum(per_kind.values())}")
    for k in sorted(KINDS):
        print(f"  {k:<16}{per_kind[k]}")
    print(f"clean pairs: {n_clean}")
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nall labels OK")


if __name__ == "__main__":
    main()
