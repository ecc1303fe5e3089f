//! Short drafts with the finding a copy editor expects (`expect = "CC101"`) or none
//! (`expect = "none"`), in `tests/cases/*.toml`: each case must give exactly that.

mod common;

#[derive(serde::Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    lang: String,
    expect: String,
    text: String,
}

#[test]
fn every_case_gives_the_expected_finding() {
    let rules = common::rules();
    let mut failures = Vec::new();
    let mut n = 0;
    for path in std::fs::read_dir(common::root().join("tests/cases")).unwrap() {
        let path = path.unwrap().path();
        let file: File = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (i, c) in file.case.iter().enumerate() {
            n += 1;
            let src = crosscheck::source::Source::new(
                "case.txt",
                c.text.as_str(),
                crosscheck::source::Markup::Plain,
            );
            let opts = crosscheck::Options {
                lang: Some(c.lang.clone()),
                default_lang: None,
            };
            let mut a = crosscheck::Analysis::new(src, rules, &opts).unwrap();
            a.check(&rules.rules);
            // info-level notes (sourcing, acronyms) may come on top of the expected finding
            let found: Vec<&str> = a
                .findings
                .iter()
                .filter(|f| {
                    f.severity >= crosscheck::findings::Severity::Warning || f.rule == c.expect
                })
                .map(|f| f.rule.as_str())
                .collect();
            let ok = if c.expect == "none" {
                found.is_empty()
            } else {
                found == [c.expect.as_str()]
            };
            if !ok {
                failures.push(format!(
                    "{}#{i} [{}] expected {}, found {:?}: {}",
                    path.display(),
                    c.lang,
                    c.expect,
                    found,
                    c.text
                ));
            }
        }
    }
    assert!(n >= 20);
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
