//! Span invariants over every draft we have (fixtures, examples, the labelled corpus): every
//! sentence, claim, phrase and label lies in bounds, on character boundaries, and a label's
//! text is the source slice. CRLF and a BOM shift offsets but not findings.

mod common;

fn all_drafts() -> Vec<String> {
    let mut v = common::drafts("tests/fixtures");
    v.extend(common::drafts("examples"));
    v.extend(common::drafts("tests/corpus"));
    v
}

fn ok(text: &str, s: usize, e: usize) -> bool {
    s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

#[test]
fn every_span_slices_the_source() {
    let drafts = all_drafts();
    assert!(drafts.len() > 60);
    for d in drafts {
        let a = common::check(&d);
        let t = &a.source.text;
        assert_eq!(a.prose.text.len(), t.len(), "{d}: prose must keep offsets");
        for s in &a.sentences {
            assert!(ok(t, s.start, s.end), "{d}: sentence {s:?}");
        }
        for c in &a.claims {
            assert!(
                ok(t, c.content.0, c.content.1) && ok(t, c.span.0, c.span.1),
                "{d}: claim {}",
                c.id
            );
            assert!(
                c.span.0 <= c.content.0 || c.parent.is_some() || c.content.0 < c.span.1,
                "{d}: claim {}",
                c.id
            );
        }
        for n in &a.nps {
            assert!(ok(t, n.start, n.end), "{d}: phrase");
        }
        for f in &a.findings {
            assert_eq!(
                f.labels.iter().filter(|l| l.primary).count(),
                1,
                "{d}: one primary label"
            );
            for l in &f.labels {
                assert!(ok(t, l.start, l.end) && l.start < l.end, "{d}: label {l:?}");
            }
        }
    }
}

#[test]
fn crlf_and_bom_shift_offsets_only() {
    let lf = "Reports emerged that the ex-president had left Kazakhstan on Friday.\nBut on Saturday a spokesman for the ex-president said he was still in the capital.\n";
    let crlf = lf.replace('\n', "\r\n");
    let bom = format!("\u{feff}{lf}");
    let findings = |text: &str| {
        let a = common::check_text("t.txt", text);
        a.findings
            .iter()
            .map(|f| {
                (
                    f.rule.clone(),
                    f.labels
                        .iter()
                        .map(|l| a.source.text[l.start..l.end].to_string())
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    let base = findings(lf);
    assert!(!base.is_empty());
    assert_eq!(findings(&crlf), base);
    assert_eq!(findings(&bom), base);
    let a = common::check_text("t.txt", &bom);
    assert_eq!(
        a.findings[0].labels[0].start,
        common::check_text("t.txt", lf).findings[0].labels[0].start + 3
    );
}
