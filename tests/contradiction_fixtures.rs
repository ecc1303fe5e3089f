//! Drafts with planted contradictions of every kind CC106–CC199 covers, one per language
//! (`tests/fixtures/en/planted-contradictions.md`, `tests/fixtures/pt/contradicoes-plantadas.md`).
//! Each planted error must be found, by its rule, on its two places; and the extensions must
//! raise nothing else there. (The stage snapshots show the rendered findings.) The English
//! draft's ballot on two dates is CC105's: CC119 leaves a pair CC105 reports.

mod common;

/// (rule, text inside the primary label, text inside the related label)
type Planted = (&'static str, &'static str, Option<&'static str>);

fn check(path: &str, planted: &[Planted]) {
    let a = common::check(path);
    let text = &a.source.text;
    let ours: Vec<&crosscheck::findings::Finding> = a
        .findings
        .iter()
        .filter(|f| {
            f.rule[2..]
                .parse::<u32>()
                .is_ok_and(|n| (106..200).contains(&n))
        })
        .collect();
    let label_has = |f: &crosscheck::findings::Finding, primary: bool, needle: &str| {
        f.labels
            .iter()
            .any(|l| l.primary == primary && text[l.start..l.end].contains(needle))
    };
    let mut used = vec![false; ours.len()];
    let mut missing = Vec::new();
    for (rule, prim, rel) in planted {
        let hit = ours.iter().position(|f| {
            f.rule == *rule
                && label_has(f, true, prim)
                && rel.is_none_or(|r| label_has(f, false, r))
        });
        match hit {
            Some(i) => used[i] = true,
            None => missing.push(format!("{rule} on {prim:?} / {rel:?}")),
        }
    }
    let extra: Vec<String> = ours
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(f, _)| format!("{} {}", f.rule, f.message))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{path}\nmissing: {missing:#?}\nunexpected: {extra:#?}"
    );
}

#[test]
fn planted_contradictions_en() {
    check(
        "tests/fixtures/en/planted-contradictions.md",
        &[
            ("CC106", "Ochieng, who remains at large", Some("arrested")),
            (
                "CC107",
                "the former chief executive",
                Some("chief executive, Daniel Mwangi"),
            ),
            ("CC108", "Wanjiru, 52", Some("Grace Wanjiru, 47")),
            ("CC109", "$30 million", Some("$48 million")),
            ("CC111", "4 percentage points", Some("from 6% to 12%")),
            ("CC114", "yesterday, Thursday", None),
            ("CC116", "Mwangi said", Some("Wanjiru said")),
        ],
    );
}

#[test]
fn planted_contradictions_pt() {
    check(
        "tests/fixtures/pt/contradicoes-plantadas.md",
        &[
            ("CC106", "Chaves, que continua foragido", Some("detido")),
            (
                "CC107",
                "O ex-presidente da empresa Daniel Manuel",
                Some("o presidente da empresa"),
            ),
            ("CC108", "Graça Neto, 52", Some("Graça Neto, de 47 anos")),
            (
                "CC109",
                "30 milhões de dólares",
                Some("48 milhões de dólares"),
            ),
            ("CC111", "4 pontos percentuais", Some("de 6% para 12%")),
            ("CC112", "2 milhões de dólares", Some("2 milhões de euros")),
            ("CC113", "quinta-feira, 13 de outubro de 2023", None),
            ("CC114", "ontem, quinta-feira", None),
            ("CC116", "declarou o presidente", Some("afirmou Graça Neto")),
        ],
    );
}
