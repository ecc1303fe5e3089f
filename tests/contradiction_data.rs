//! The contradiction checks on real, public data in `../shared/data/` (never copied into the
//! repository; the tests skip, saying so, when it is absent):
//!
//! - sentence pairs with human labels (InferBR, Portuguese; EQUATE, English quantities): each
//!   "premise hypothesis" is a two-sentence text. The test prints how many labelled
//!   contradictions are flagged and how many non-contradictions are wrongly flagged, by rule,
//!   and holds the false-flag rate under a ceiling;
//! - the Wikinews articles (clean, published news): the contradiction-category extensions
//!   (CC106–CC199) must raise nothing at `error`; the test prints each article's warnings.
//!
//! ```text
//! cargo test --test contradiction_data -- --nocapture
//! ```

mod common;

use std::collections::BTreeMap;

use crosscheck::findings::{Category, Finding, Severity};
use crosscheck::source::{Markup, Source};
use crosscheck::{Analysis, Options};

/// The rules this suite is about: the contradiction-category extensions.
fn extension(rule: &str) -> bool {
    rule[2..]
        .parse::<u32>()
        .is_ok_and(|n| (106..200).contains(&n))
}

fn contradiction_rules() -> Vec<crosscheck::rules::RuleSpec> {
    common::rules()
        .rules
        .iter()
        .filter(|r| r.category == Category::Contradiction)
        .cloned()
        .collect()
}

fn analyse(text: &str, lang: &str, rules: &[crosscheck::rules::RuleSpec]) -> Vec<Finding> {
    let src = Source::new("pair.txt", text, Markup::Plain);
    let opts = Options {
        lang: Some(lang.to_string()),
        default_lang: None,
    };
    let mut a = Analysis::new(src, common::rules(), &opts).expect("analysis");
    a.check(rules);
    a.findings
}

fn read_jsonl(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// "premise hypothesis" as two sentences (a full stop is added when the premise has none).
fn two_sentences(premise: &str, hypothesis: &str) -> String {
    let p = premise.trim();
    let end = p.ends_with(['.', '!', '?', '"', '”', '»']);
    format!("{p}{} {}", if end { "" } else { "." }, hypothesis.trim())
}

#[derive(Default)]
struct PairScore {
    contradictions: usize,
    flagged_contradictions: usize,
    others: usize,
    wrongly_flagged: usize,
}

impl PairScore {
    fn false_rate(&self) -> f64 {
        self.wrongly_flagged as f64 / self.others.max(1) as f64
    }
}

/// Score one file of pairs. Returns the score over the extensions and over all contradiction
/// rules, and the per-rule counts (flagged contradictions, wrong flags).
/// Per rule: (contradictions flagged, non-contradictions flagged).
type ByRule = BTreeMap<String, (usize, usize)>;

fn score_pairs(file: &str) -> Option<(PairScore, PairScore, ByRule)> {
    let shared = common::skip_without_shared(&format!("the sentence-pair figures ({file})"))?;
    let rows = read_jsonl(&shared.join("data").join(file));
    let rules = contradiction_rules();
    let mut ext = PairScore::default();
    let mut all = PairScore::default();
    let mut by_rule = ByRule::new();
    let mut wrong = Vec::new();
    for row in &rows {
        let expect = match row["expect_contradiction"].as_bool() {
            Some(b) => b,
            None => continue, // the label does not say
        };
        let lang = row["lang"].as_str().unwrap_or("en");
        let text = two_sentences(
            row["premise"].as_str().unwrap_or(""),
            row["hypothesis"].as_str().unwrap_or(""),
        );
        let findings = analyse(&text, lang, &rules);
        let any = !findings.is_empty();
        let any_ext = findings.iter().any(|f| extension(&f.rule));
        let mut seen = std::collections::BTreeSet::new();
        for f in &findings {
            if !seen.insert(f.rule.clone()) {
                continue;
            }
            let e = by_rule.entry(f.rule.clone()).or_default();
            if expect {
                e.0 += 1;
            } else {
                e.1 += 1;
                wrong.push(format!(
                    "  wrong flag {} {}: {}\n    {}",
                    row["id"].as_str().unwrap_or("?"),
                    f.rule,
                    f.message,
                    text
                ));
            }
        }
        for (s, hit) in [(&mut ext, any_ext), (&mut all, any)] {
            if expect {
                s.contradictions += 1;
                s.flagged_contradictions += hit as usize;
            } else {
                s.others += 1;
                s.wrongly_flagged += hit as usize;
            }
        }
    }
    println!(
        "{file}: {} pairs with a usable label",
        ext.contradictions + ext.others
    );
    for (name, s) in [("CC106-CC199", &ext), ("all contradiction rules", &all)] {
        println!(
            "  {name:<24} flagged {} of {} labelled contradictions; wrongly flagged {} of {} non-contradictions ({:.1}%)",
            s.flagged_contradictions,
            s.contradictions,
            s.wrongly_flagged,
            s.others,
            100.0 * s.false_rate()
        );
    }
    for (rule, (hit, miss)) in &by_rule {
        println!("  {rule}: {hit} contradictions flagged, {miss} non-contradictions flagged");
    }
    for w in &wrong {
        println!("{w}");
    }
    Some((ext, all, by_rule))
}

/// The ceiling on wrong flags among non-contradictions, for the extensions.
const FALSE_FLAG_CEILING: f64 = 0.03;

#[test]
fn inferbr_pairs_pt() {
    let Some((ext, _, _)) = score_pairs("inferbr_pairs_pt.jsonl") else {
        return;
    };
    assert!(ext.others >= 50, "too few non-contradictions read");
    assert!(
        ext.false_rate() <= FALSE_FLAG_CEILING,
        "CC106-CC199 wrongly flag {:.1}% of InferBR non-contradictions (ceiling {:.0}%)",
        100.0 * ext.false_rate(),
        100.0 * FALSE_FLAG_CEILING
    );
}

#[test]
fn equate_numeric_en() {
    let Some((ext, _, _)) = score_pairs("equate_numeric_en.jsonl") else {
        return;
    };
    assert!(ext.others >= 50, "too few non-contradictions read");
    assert!(
        ext.false_rate() <= FALSE_FLAG_CEILING,
        "CC106-CC199 wrongly flag {:.1}% of EQUATE non-contradictions (ceiling {:.0}%)",
        100.0 * ext.false_rate(),
        100.0 * FALSE_FLAG_CEILING
    );
}

#[test]
fn wikinews_articles_raise_no_errors() {
    let Some(shared) = common::skip_without_shared("the Wikinews false-alarm count") else {
        return;
    };
    let rows = read_jsonl(&shared.join("data/gum_wikinews_articles_en.jsonl"));
    assert!(!rows.is_empty(), "no Wikinews articles read");
    let rules = contradiction_rules();
    let mut errors = Vec::new();
    println!("Wikinews articles: contradiction findings (CC106-CC199 / all contradiction rules)");
    println!(
        "{:<36} {:>8} {:>8} {:>6} {:>8} {:>8}",
        "article", "ext.err", "ext.warn", "ext.info", "all.err", "all.warn"
    );
    let mut total_warn = 0;
    for row in &rows {
        let id = row["id"].as_str().unwrap_or("?");
        let text = row["text"].as_str().unwrap_or("");
        let findings = analyse(text, "en", &rules);
        let count = |ext_only: bool, sev: Severity| {
            findings
                .iter()
                .filter(|f| (!ext_only || extension(&f.rule)) && f.severity == sev)
                .count()
        };
        let (ee, ew, ei) = (
            count(true, Severity::Error),
            count(true, Severity::Warning),
            count(true, Severity::Info),
        );
        total_warn += ew;
        println!(
            "{:<36} {:>8} {:>8} {:>6} {:>8} {:>8}",
            id,
            ee,
            ew,
            ei,
            count(false, Severity::Error),
            count(false, Severity::Warning)
        );
        for f in findings.iter().filter(|f| f.severity >= Severity::Warning) {
            let spans: Vec<&str> = f.labels.iter().map(|l| &text[l.start..l.end]).collect();
            println!(
                "    {} {} {}: {:?}",
                f.rule,
                f.severity.as_str(),
                f.message,
                spans
            );
            if extension(&f.rule) && f.severity == Severity::Error {
                errors.push(format!("{id}: {} {}", f.rule, f.message));
            }
        }
    }
    println!("CC106-CC199 warnings over all articles: {total_warn}");
    assert!(
        errors.is_empty(),
        "contradiction extensions raised errors on clean published news:\n{}",
        errors.join("\n")
    );
}
