#!/usr/bin/env python3
"""Worst-case scaling: drafts designed against crosscheck's own algorithms, grown 1×, 4× and
16×, each timed as a process with its peak memory. Linear work keeps the time per MB and the
memory per MB flat as the input grows; anything quadratic shows as a ratio far above the
growth. Writes the "## Worst cases" section of PERFORMANCE.md (tools/bench.py keeps it when it
rewrites the rest of the file).

    cargo build --release
    python3 tools/worst.py                 # base 256 KB: 256 KB, 1 MB, 4 MB per case
    python3 tools/worst.py --base 32K      # a quicker run
    python3 tools/worst.py --no-write      # print, do not touch PERFORMANCE.md

Each case is one draft written by this script (never third-party text); every case repeats
its pattern with varied names, numbers and places, so that one index bucket (one entity, one
predicate) grows with the input: the shape a pairwise comparison inside a bucket would turn
quadratic.
"""
import argparse
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import bench  # noqa: E402  (timed, machine, human, size_of)

ROOT = bench.ROOT
EXE = bench.EXE
GROWTH = (1, 4, 16)
# a ratio of the cost per added MB (4× to 16× over 1× to 4×) above this is not linear
LINEAR_LIMIT = 2.0

FIRST = ["Ana", "Rui", "Marta", "João", "Inês", "Pedro", "Sofia", "Tiago", "Clara", "Nuno",
         "Helena", "Miguel", "Rita", "Paulo", "Joana", "André"]
LAST = ["Almeida", "Barros", "Cardoso", "Duarte", "Esteves", "Faria", "Gomes", "Henriques",
        "Lopes", "Macedo", "Nogueira", "Oliveira", "Pinto", "Queirós", "Rocha", "Teixeira"]
CITIES = ["Almaty", "Astana", "Bishkek", "Tashkent", "Dushanbe", "Ashgabat", "Moscow",
          "Minsk", "Baku", "Tbilisi", "Yerevan", "Kyiv"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_PT = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"]


def name(i):
    """A distinct full name for every i (first × last × a numbered initial beyond 256)."""
    f, l = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    k = i // (len(FIRST) * len(LAST))
    if k == 0:
        return f"{f} {l}"
    # a letter-only middle initial keeps the name a name
    mid = ""
    while True:
        mid = chr(ord("A") + k % 26) + mid
        k //= 26
        if k == 0:
            break
    return f"{f} {mid}. {l}"


# Each case: (title, what it attacks, function(i) -> one paragraph[, command]). Paragraphs are
# joined with blank lines until the size is reached. The command is `check --format json`
# unless the case names another (a stage command such as `graph`).
CASES = [
    ("one-entity-places",
     "many claims about one person in many places (presence index: one entity, one predicate)",
     lambda i: f"Officials said the minister was in {CITIES[i % len(CITIES)]} on "
               f"{DAYS_EN[i % 7]}. A spokesman said she was still in {CITIES[(i + 5) % len(CITIES)]}."),
    ("one-entity-counts",
     "many counts of one event (quantity index: one subject, one unit)",
     lambda i: f"Police said {100 + i % 900} people were killed in the clashes. "
               f"Witnesses said {200 + i % 800} people were killed in the clashes."),
    ("pt-one-entity-counts",
     "the same in Portuguese, with Portuguese number formats",
     lambda i: f"A polícia disse que {1 + i % 9}.{i % 1000:03} pessoas foram detidas nos protestos. "
               f"Segundo testemunhas, {2 + i % 7}.{(i * 7) % 1000:03} pessoas foram detidas nos protestos."),
    ("one-quote-many-speakers",
     "one quotation repeated by many speakers (quote index: one text)",
     lambda i: f"“We will not leave the capital,” said {name(i)}."),
    ("many-names",
     "a new person in every sentence (name-spelling candidates, entity resolution)",
     lambda i: f"{name(i)}, a spokesman for the ministry, said the talks in "
               f"{CITIES[i % len(CITIES)]} would resume on {DAYS_EN[i % 7]}."),
    ("pt-many-dates",
     "many dated events with weekdays and relative days (date checks)",
     lambda i: f"Na {DAYS_PT[i % 7]}, {1 + i % 28} de janeiro, o governo disse que as "
               f"negociações recomeçaram ontem em {CITIES[i % len(CITIES)]}."),
    ("many-acronyms",
     "many acronyms defined and used (acronym checks)",
     lambda i: f"The Committee for {LAST[i % len(LAST)]} Affairs ({'CFA' if i % 2 else 'CA'}{i % 97}) "
               f"said the CSTO had sent troops."),
    ("one-long-sentence",
     "the whole draft one sentence, with a speech verb every few words (nested contents)",
     None),
    ("graph-one-source",
     "`graph --format json` of many claims from one source (edges of the node *unattributed reports*)",
     lambda i: f"Reports emerged that {name(i)} had left {CITIES[i % len(CITIES)]} on "
               f"{DAYS_EN[i % 7]}.",
     ["graph", "--format", "json"]),
]


def draft(case, size):
    title, _, para, *_ = case
    out, n, i = [], 0, 0
    if para is None:
        # one sentence: "X said that Y said that …" without a full stop until the end
        while n < size:
            s = f"{name(i)} said that "
            out.append(s)
            n += len(s.encode())
            i += 1
        return "".join(out) + "the talks had ended.\n"
    while n < size:
        p = para(i) + "\n\n"
        out.append(p)
        n += len(p.encode())
        i += 1
    return "".join(out)


def run_case(case, base, runs, tmp):
    rows = []
    lang = "pt" if case[0].startswith("pt-") else "en"
    for g in GROWTH:
        f = pathlib.Path(tmp) / f"{case[0]}-{g}.md"
        f.write_text(draft(case, base * g), encoding="utf-8")
        command = case[3] if len(case) > 3 else ["check", "--format", "json"]
        cmd = [str(EXE), *command, "--no-config", "--lang", lang, str(f)]
        r = bench.timed(cmd, runs)
        r["bytes"] = f.stat().st_size
        r["growth"] = g
        rows.append(r)
        print(f"{case[0]} {g}×: {r['bytes']} B, {r['cpu']:.2f} s CPU, "
              f"{r['rss_kb'] / 1024:.0f} MB", file=sys.stderr)
        f.unlink()
    return rows


def section(results, m, base, runs):
    L = ["## Worst cases", ""]
    L.append(f"Regenerated by `python3 tools/worst.py --base {bench.human(base)}` "
             f"({runs} runs per row, median CPU time, largest peak RSS); commit {m['commit']}.")
    L.append("Each draft is built by the script against one of crosscheck's own algorithms and "
             "grown 1×, 4× and 16×.")
    L.append(f"A row is linear when what each added MB costs, in CPU time and in peak memory, "
             f"from 4× to 16× is at most {LINEAR_LIMIT:.0f}× what it cost from 1× to 4× (quadratic "
             "work would make it 5×).")
    L.append("")
    L.append("| case | attacks | 1× | 4× | 16× | CPU 1× → 4× → 16× | CPU per added MB, 4–16× ÷ 1–4× | "
             "peak RSS 1× → 4× → 16× | memory per added MB, 4–16× ÷ 1–4× | linear |")
    L.append("|---|---|---:|---:|---:|---|---:|---|---:|---|")
    all_linear = True
    for (title, what, *_), rows in results:
        a, b, c = rows
        # the cost of each added MB, from 4× to 16× against from 1× to 4×: the fixed part of
        # a run (start-up, rules and tables in memory) is the same in every row and cancels out
        def slope(key, lo, hi):
            return max(hi[key] - lo[key], 1e-3 if key == "cpu" else 1) / (hi["bytes"] - lo["bytes"])
        tratio = slope("cpu", b, c) / slope("cpu", a, b)
        mratio = slope("rss_kb", b, c) / slope("rss_kb", a, b)
        linear = tratio <= LINEAR_LIMIT and mratio <= LINEAR_LIMIT
        all_linear &= linear
        L.append(f"| {title} | {what} | {bench.human(a['bytes'])} | {bench.human(b['bytes'])} | "
                 f"{bench.human(c['bytes'])} | {a['cpu']:.2f} → {b['cpu']:.2f} → {c['cpu']:.2f} s | "
                 f"{tratio:.2f}× | {a['rss_kb'] / 1024:.0f} → {b['rss_kb'] / 1024:.0f} → "
                 f"{c['rss_kb'] / 1024:.0f} MB | {mratio:.2f}× | "
                 f"{'yes' if linear else '**no**'} |")
    L.append("")
    L.append("All worst cases linear in time and memory." if all_linear else
             "**Some worst cases are not linear**: see the rows marked no.")
    return L, all_linear


def replace_section(text, new):
    lines = text.split("\n")
    if "## Worst cases" in lines:
        a = lines.index("## Worst cases")
        b = next((i for i in range(a + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[a:b] = new + [""]
    else:
        lines = lines + [""] + new + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="256K", help="size of the 1× draft (default 256K)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", help="comma-separated case names")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "PERFORMANCE.md"))
    args = ap.parse_args()
    if not EXE.exists():
        sys.exit(f"{EXE} is missing: run `cargo build --release` first")
    base = bench.size_of(args.base)
    cases = [c for c in CASES if not args.only or c[0] in args.only.split(",")]
    m = bench.machine()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for c in cases:
            results.append((c, run_case(c, base, args.runs, tmp)))
    L, ok = section(results, m, base, args.runs)
    if args.no_write:
        print("\n".join(L))
    else:
        out = pathlib.Path(args.out)
        out.write_text(replace_section(out.read_text() if out.exists() else "", L))
        print(f"wrote the worst-case section of {out}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
