//! The README's promise: its example output is what the program prints today, and its rules
//! table is what `crosscheck rules` prints.

mod common;

fn block(readme: &str, name: &str) -> String {
    let start = format!("<!-- {name}:start -->");
    let end = format!("<!-- {name}:end -->");
    let s = readme
        .find(&start)
        .unwrap_or_else(|| panic!("README lacks {start}"))
        + start.len();
    let e = readme
        .find(&end)
        .unwrap_or_else(|| panic!("README lacks {end}"));
    let inner = readme[s..e].trim();
    let inner = inner
        .strip_prefix("```text")
        .unwrap()
        .strip_suffix("```")
        .unwrap();
    inner.trim_matches('\n').to_string()
}

fn run(args: &[&str]) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(common::root())
        .output()
        .unwrap();
    String::from_utf8(o.stdout)
        .unwrap()
        .trim_end_matches('\n')
        .to_string()
}

#[test]
fn readme_example_output_is_current() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    assert!(readme.contains("cargo run --release -- check examples/cazaquistao.md"));
    assert!(readme.contains("\ncargo test\n"));
    assert_eq!(
        block(&readme, "example-output"),
        run(&["check", "--color", "never", "examples/cazaquistao.md"])
    );
    assert_eq!(block(&readme, "rules"), run(&["rules"]));
}
