//! Every example in every rule file is a test (LanguageTool style): must-flag examples fire
//! their rule once on the marked spans, must-not-flag examples do not fire it. The rendered
//! findings of each rule's examples are snapshotted for review.

mod common;

use crosscheck::examples::run_rule;

#[test]
fn every_rule_example_passes() {
    let rules = common::rules();
    assert!(!rules.rules.is_empty(), "no rules loaded");
    let mut failures = Vec::new();
    let mut count = 0;
    for r in &rules.rules {
        for x in run_rule(rules, r) {
            count += 1;
            if !x.passed {
                failures.push(format!(
                    "{} example #{} ({}, expect {}): {}\n    text: {}",
                    x.rule,
                    x.index,
                    x.lang,
                    x.expect,
                    x.problem.unwrap_or_default(),
                    x.text.trim()
                ));
            }
        }
    }
    assert!(count >= rules.rules.len() * 4, "too few examples: {count}");
    assert!(
        failures.is_empty(),
        "{} of {count} rule examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rule_example_snapshots() {
    let rules = common::rules();
    common::settings().bind(|| {
        for r in &rules.rules {
            let mut out = String::new();
            for x in run_rule(rules, r) {
                let marked = crosscheck::examples::strip_markers(&x.text).unwrap();
                out.push_str(&format!(
                    "## example {} [{}] expect {}\n{}\n",
                    x.index,
                    x.lang,
                    x.expect,
                    marked.text.trim()
                ));
                for f in &x.findings {
                    out.push_str(&format!(
                        "-> {} {}: {}\n",
                        f.rule,
                        f.severity.as_str(),
                        f.message
                    ));
                    for l in &f.labels {
                        out.push_str(&format!(
                            "   {} {:?}: {}\n",
                            if l.primary { "primary" } else { "related" },
                            &marked.text[l.start..l.end],
                            l.message
                        ));
                    }
                    for why in &f.reasoning {
                        out.push_str(&format!("   because {why}\n"));
                    }
                }
                out.push('\n');
            }
            insta::assert_snapshot!(format!("rule_examples@{}", r.id), out);
        }
    });
}
