#!/usr/bin/env python3
"""Regenerate the README blocks that show program output (checked by tests/readme.rs).

    cargo build && python3 tools/update-readme.py
"""
import pathlib, re, subprocess

root = pathlib.Path(__file__).resolve().parent.parent
exe = root / "target" / "debug" / "crosscheck"

def run(*args):
    return subprocess.run([str(exe), *args], cwd=root, capture_output=True, text=True).stdout.rstrip("\n")

blocks = {
    "example-output": run("check", "--color", "never", "examples/cazaquistao.md"),
    "rules": run("rules"),
}
readme = (root / "README.md").read_text()
for name, text in blocks.items():
    pat = re.compile(r"(<!-- %s:start -->\n```text\n).*?(\n```\n<!-- %s:end -->)" % (name, name), re.S)
    readme, n = pat.subn(lambda m: m.group(1) + text + m.group(2), readme)
    assert n == 1, name
(root / "README.md").write_text(readme)
