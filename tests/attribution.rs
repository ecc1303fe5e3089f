//! Attribution extraction measured against the Bosque silver labels in
//! `../shared/data/bosque_attributions_pt.jsonl` (Portuguese newspaper text; speaker, speech
//! verb and content spans derived from the treebank's hand-checked syntax). Spans there are
//! code points; they are converted to bytes. Run with `--nocapture` for the figures:
//!
//! ```text
//! cargo test --test attribution -- --nocapture
//! ```
//!
//! A labelled attribution is found when a claim's cue overlaps the labelled verb and the
//! claim's content covers at least 30% (and, separately, 80%) of the labelled content — the
//! thresholds the Gender Gap Tracker reports. The labels miss "segundo X" and most
//! multi-sentence quotes, so precision here is a lower bound.

mod common;

use crosscheck::claims::SourceKind;

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
    attributions: Vec<Attr>,
}

#[derive(serde::Deserialize)]
struct Attr {
    cue_span: (usize, usize),
    content_span: (usize, usize),
    speaker_span: Option<(usize, usize)>,
}

fn byte_of(text: &str, cp: usize) -> usize {
    text.char_indices()
        .nth(cp)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

fn overlap((a, b): (usize, usize), (c, d): (usize, usize)) -> usize {
    b.min(d).saturating_sub(a.max(c))
}

#[test]
fn bosque_attributions() {
    let Some(shared) = common::skip_without_shared("the Bosque attribution measurement") else {
        return;
    };
    let path = shared.join("data/bosque_attributions_pt.jsonl");
    let rules = common::rules();
    // CROSSCHECK_DETAILS=1 lists every miss and every unlabelled extraction.
    let details = std::env::var_os("CROSSCHECK_DETAILS").is_some();
    let (mut gold, mut found30, mut found80, mut speaker_ok, mut speaker_total) = (0, 0, 0, 0, 0);
    let (mut predicted, mut predicted_true, mut predicted_according) = (0, 0, 0);
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let d: Doc = serde_json::from_str(line).unwrap();
        let src = crosscheck::source::Source::new(
            d.id.clone(),
            d.text.clone(),
            crosscheck::source::Markup::Plain,
        );
        let opts = crosscheck::Options {
            lang: Some("pt".into()),
            default_lang: None,
        };
        let a = crosscheck::Analysis::new(src, rules, &opts).unwrap();
        let t = &d.text;
        let attributed: Vec<&crosscheck::claims::Claim> = a
            .claims
            .iter()
            .filter(|c| {
                c.cue.is_some()
                    && matches!(c.source_kind, SourceKind::Named | SourceKind::Anonymous)
            })
            .collect();
        type Span = (usize, usize);
        let golds: Vec<(Span, Span, Option<Span>)> = d
            .attributions
            .iter()
            .map(|g| {
                let b = |(s, e): (usize, usize)| (byte_of(t, s), byte_of(t, e));
                (b(g.cue_span), b(g.content_span), g.speaker_span.map(b))
            })
            .collect();
        for (cue, content, speaker) in &golds {
            gold += 1;
            let hit = attributed
                .iter()
                .find(|c| c.cue.is_some_and(|q| overlap(q, *cue) > 0));
            if let Some(c) = hit {
                // the content, and its continuation after an inserted frame ("A, disse X, B")
                let covered =
                    overlap(c.content, *content) + c.extra.map_or(0, |x| overlap(x, *content));
                let cover = covered as f64 / (content.1 - content.0).max(1) as f64;
                if cover >= 0.3 {
                    found30 += 1;
                }
                if cover >= 0.8 {
                    found80 += 1;
                }
                if cover < 0.3 && details {
                    println!("  partial {}: {:?}", d.id, &t[content.0..content.1]);
                }
                if let Some(sp) = speaker {
                    speaker_total += 1;
                    let ours = c.speaker_np.map(|np| (a.nps[np].start, a.nps[np].end));
                    if ours.is_some_and(|o| overlap(o, *sp) > 0) {
                        speaker_ok += 1;
                    } else if details {
                        println!(
                            "  wrong speaker {}: {:?} for {:?}",
                            d.id,
                            ours.map(|o| &t[o.0..o.1]),
                            &t[sp.0..sp.1]
                        );
                    }
                }
            } else if details {
                let line_start = t[..cue.0].rfind('\n').map_or(0, |i| i + 1);
                let line_end = t[cue.1..].find('\n').map_or(t.len(), |i| cue.1 + i);
                println!(
                    "  missed {} [{}]: {}",
                    d.id,
                    &t[cue.0..cue.1],
                    &t[line_start..line_end]
                );
            }
        }
        for c in &attributed {
            predicted += 1;
            let according_to = c.form == crosscheck::extract::FrameForm::AccordingTo;
            if according_to {
                predicted_according += 1;
            }
            if golds
                .iter()
                .any(|(cue, _, _)| c.cue.is_some_and(|q| overlap(q, *cue) > 0))
            {
                predicted_true += 1;
            } else if details {
                let cue = c.cue.unwrap();
                println!(
                    "  unlabelled {} [{}]: {:?}",
                    d.id,
                    &t[cue.0..cue.1],
                    &t[c.content.0..c.content.1]
                );
            }
        }
    }
    let p = predicted_true as f64 / predicted.max(1) as f64;
    let r30 = found30 as f64 / gold.max(1) as f64;
    let r80 = found80 as f64 / gold.max(1) as f64;
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    println!("Bosque (pt) attribution: {gold} labelled, {predicted} extracted with a cue");
    println!(
        "  cue precision {:.3} ({predicted_true}/{predicted}; labels miss 'segundo X', so a lower bound)",
        p
    );
    // The labels are derived from verb syntax, so they never contain "segundo X" / "de acordo
    // com X": leaving those claims out gives the precision over the cues the labels can judge.
    let judged = predicted - predicted_according;
    println!(
        "  cue precision over speech verbs only {:.3} ({predicted_true}/{judged}; {predicted_according} 'segundo'/'de acordo com' claims left out)",
        predicted_true as f64 / judged.max(1) as f64
    );
    println!(
        "  recall, content ≥30%: {:.3} ({found30}/{gold}), F1 {:.3}",
        r30,
        f1(p, r30)
    );
    println!(
        "  recall, content ≥80%: {:.3} ({found80}/{gold}), F1 {:.3}",
        r80,
        f1(p, r80)
    );
    println!(
        "  speaker accuracy on found quotes: {:.3} ({speaker_ok}/{speaker_total})",
        speaker_ok as f64 / speaker_total.max(1) as f64
    );
    assert!(gold >= 80);
    // floors that catch regressions
    assert!(r30 >= 0.70, "recall at 30% overlap fell to {r30:.2}");
    assert!(p >= 0.74, "cue precision fell to {p:.2}");
}
