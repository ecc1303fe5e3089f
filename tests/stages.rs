//! Snapshots of every stage for every fixture and example draft: sentences, entities, claims,
//! the graph and the rendered findings. A reviewer reads these diffs in pull requests.

mod common;

use crosscheck::report;

fn fixtures() -> Vec<String> {
    let mut v = common::drafts("tests/fixtures");
    v.extend(common::drafts("examples"));
    v
}

#[test]
fn stage_snapshots() {
    let files = fixtures();
    assert!(files.len() >= 8, "fixtures missing: {files:?}");
    common::settings().bind(|| {
        for f in &files {
            let a = common::check(f);
            let one = std::slice::from_ref(&a);
            let name = common::snap_name(f);
            insta::assert_snapshot!(
                format!("sentences@{name}"),
                report::stages::sentences_text(one)
            );
            insta::assert_snapshot!(
                format!("entities@{name}"),
                report::stages::entities_text(one)
            );
            insta::assert_snapshot!(format!("claims@{name}"), report::stages::claims_table(one));
            let g = crosscheck::graph::build(&a);
            insta::assert_snapshot!(format!("graph@{name}"), crosscheck::graph::to_mermaid(&g));
            insta::assert_snapshot!(
                format!("findings@{name}"),
                report::human::render(one, false)
            );
        }
    });
}

#[test]
fn json_contract_snapshot() {
    let a = common::check("tests/fixtures/en/contradictions.md");
    let b = common::check("tests/fixtures/pt/contradicoes.md");
    let files = [a, b];
    common::settings().bind(|| {
        insta::assert_snapshot!("check_json@contradictions", report::json::render(&files));
        insta::assert_snapshot!(
            "claims_json@contradictions",
            report::stages::claims_json(&files[..1])
        );
        let g = crosscheck::graph::build(&files[0]);
        insta::assert_snapshot!("graph_dot@contradictions", crosscheck::graph::to_dot(&g));
        insta::assert_snapshot!("graph_json@contradictions", crosscheck::graph::to_json(&g));
    });
}
