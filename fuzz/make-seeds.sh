#!/bin/sh
# Rebuild the seed corpora in fuzz/seeds/ from the repository's own files (never third-party
# text): drafts from tests/fixtures, examples and tests/corpus (each cut to its first ~2 KB at
# a paragraph break), rule files from rules/. The first byte of each seed is the target's
# selector: for drafts '0' = Markdown, '1' = plain text (language detected); for rule files
# '0' = check rule, '1' = lexicon, '2' = name rules, '3' = countries table, '4' = cities table.
# Configuration seeds (no selector) are the `crosscheck.toml` examples in src/config.rs and the
# README.
set -eu
cd "$(dirname "$0")/.."
rm -rf fuzz/seeds
mkdir -p fuzz/seeds/drafts fuzz/seeds/rules fuzz/seeds/config
python3 - <<'PY'
import os, pathlib
root = pathlib.Path('.')
def cut(b, n=2048):
    if len(b) <= n:
        return b
    i = b.rfind(b'\n\n', 0, n)
    if i < 200:
        i = b.rfind(b'\n', 0, n)
    if i < 200:
        i = n
        while i > 0 and (b[i] & 0xC0) == 0x80:
            i -= 1
    return b[:i + 1]
for d in ['tests/fixtures', 'examples', 'tests/corpus']:
    for p in sorted((root / d).rglob('*')):
        if p.suffix not in ('.md', '.txt'):
            continue
        sel = b'0' if p.suffix == '.md' else b'1'
        name = str(p).replace('/', '_')
        (root / 'fuzz/seeds/drafts' / name).write_bytes(sel + cut(p.read_bytes()))
def rule(sel, p, data=None):
    name = str(p).replace('/', '_')
    (root / 'fuzz/seeds/rules' / name).write_bytes(sel + (data if data is not None else p.read_bytes()))
for p in sorted((root / 'rules/checks').glob('*.toml')):
    rule(b'0', p)
for p in sorted((root / 'rules/lang').rglob('*.toml')):
    rule(b'1', p)
rule(b'2', root / 'rules/names.toml')
for sel, f in [(b'3', 'countries.tsv'), (b'4', 'cities.tsv')]:
    p = root / 'rules/gazetteer' / f
    lines = p.read_bytes().split(b'\n')
    rule(sel, p, b'\n'.join(lines[:40]) + b'\n')
import re
docs = ''.join(l[4:] if l.startswith('//! ') else '\n' for l in open('src/config.rs') if l.startswith('//!'))
blocks = re.findall(r'```toml\n(.*?)```', docs, re.S)
blocks += re.findall(r'```toml\n(.*?)```', open('README.md').read(), re.S)
for i, b in enumerate(blocks):
    (root / 'fuzz/seeds/config' / f'config-{i}.toml').write_text(b)
PY
echo "seeds: $(ls fuzz/seeds/drafts | wc -l) drafts, $(ls fuzz/seeds/rules | wc -l) rule files, $(ls fuzz/seeds/config | wc -l) configurations, $(du -sh fuzz/seeds | cut -f1)"
