//! The first real input: the machine-translated Portuguese article in `../shared/seeds/`.
//! Its headline contradiction must be flagged with both spans, both sources and the chain of
//! reasons; `claims` must list its sources with the right content spans.

mod common;

use crosscheck::claims::SourceKind;

const SEED: &str = "seeds/000_32442eaab53a1979.txt";

fn seed() -> Option<crosscheck::Analysis<'static>> {
    let shared = common::skip_without_shared("the seed-article test")?;
    let path = shared.join(SEED);
    let bytes = std::fs::read(&path).expect("seed readable");
    let src = crosscheck::source::Source::from_bytes(
        "seed.txt",
        bytes,
        crosscheck::source::Markup::Plain,
    )
    .unwrap();
    let r = common::rules();
    let mut a = crosscheck::Analysis::new(src, r, &Default::default()).unwrap();
    a.check(&r.rules);
    Some(a)
}

#[test]
fn headline_contradiction_is_flagged() {
    let Some(a) = seed() else { return };
    assert_eq!(a.lang.code, "pt");
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "CC101")
        .unwrap_or_else(|| panic!("CC101 not found; findings: {:#?}", a.findings));
    let text = |l: &crosscheck::findings::Label| &a.source.text[l.start..l.end];
    let primary = f.labels.iter().find(|l| l.primary).unwrap();
    let related = f.labels.iter().find(|l| !l.primary).unwrap();
    assert_eq!(text(primary), "ele ainda estava na capital");
    assert_eq!(
        text(related),
        "um ex-presidente havia deixado o Cazaquistão na sexta-feira"
    );
    let why = f.reasoning.join("\n");
    for needle in [
        "'um ex-presidente' → Narsultan Nazarbayev, the only former president",
        "'ele' → Narsultan Nazarbayev",
        "Astana",
        "Nur-Sultan",
        "'ainda'",
        "surgiram notícias",
        "porta-voz do ex-presidente",
    ] {
        assert!(why.contains(needle), "reasoning lacks {needle:?}:\n{why}");
    }
    assert_eq!(f.severity, crosscheck::findings::Severity::Error);
}

#[test]
fn seed_claims_list_the_sources() {
    let Some(a) = seed() else { return };
    let content =
        |c: &crosscheck::claims::Claim| a.source.text[c.content.0..c.content.1].to_string();
    let by = |label: &str| -> Vec<String> {
        a.claims
            .iter()
            .filter(|c| c.speaker.is_some_and(|e| a.entities[e].label == label))
            .map(content)
            .collect()
    };
    let kremlin = by("Kremlin");
    assert_eq!(kremlin.len(), 3, "Kremlin claims: {kremlin:#?}");
    assert!(kremlin[0].starts_with("o presidente russo Vladimir Putin"));
    assert!(kremlin[1].starts_with("Tokayev forneceu a Putin"));
    assert_eq!(
        kremlin[2],
        "Os presidentes trocaram opiniões sobre medidas para restaurar a ordem no Cazaquistão"
    );
    assert_eq!(
        by("Ministério do Interior"),
        ["4.404 pessoas foram presas por participarem dos distúrbios"]
    );
    let nsc = by("Conselho de Segurança Nacional");
    assert_eq!(nsc.len(), 1);
    assert!(nsc[0].starts_with("Kareem Massimov, ex-líder do KNB"));
    let spokes: Vec<_> = a
        .claims
        .iter()
        .filter(|c| {
            c.speaker
                .is_some_and(|e| a.entities[e].label.starts_with("spokesperson of"))
        })
        .map(content)
        .collect();
    assert_eq!(spokes, ["ele ainda estava na capital"]);
    let demand: Vec<_> = a
        .claims
        .iter()
        .filter(|c| c.speech == Some(crosscheck::lexicon::SpeechKind::Demand))
        .map(content)
        .collect();
    assert_eq!(
        demand,
        ["a saída completa do ex-presidente Narsultan Nazarbayev e seu clã"]
    );
    let reports: Vec<_> = a
        .claims
        .iter()
        .filter(|c| c.source_kind == SourceKind::UnattributedReport)
        .map(content)
        .collect();
    assert_eq!(
        reports,
        ["um ex-presidente havia deixado o Cazaquistão na sexta-feira"]
    );
    // the hedged start of the protests is the article's own, hedged claim
    let hedged: Vec<_> = a
        .claims
        .iter()
        .filter(|c| c.certainty == crosscheck::claims::Certainty::Hedged)
        .map(content)
        .collect();
    assert!(
        hedged.iter().any(|c| c.contains("supostamente começaram")),
        "{hedged:?}"
    );
}

#[test]
fn english_form_gives_the_same_finding() {
    let a = common::check_text(
        "en.txt",
        "Reports emerged that the ex-president had left Kazakhstan on Friday. But on Saturday a spokesman for the ex-president said he was still in the capital.",
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "CC101")
        .expect("CC101 in English");
    let texts: Vec<&str> = f
        .labels
        .iter()
        .map(|l| &a.source.text[l.start..l.end])
        .collect();
    assert_eq!(
        texts,
        [
            "he was still in the capital",
            "the ex-president had left Kazakhstan on Friday"
        ]
    );
    assert!(f.reasoning.iter().any(|r| r.contains("Astana")));
}

/// The entity and sourcing findings the seed must get, each on its precise spans.
#[test]
fn seed_entity_and_sourcing_findings() {
    let Some(a) = seed() else { return };
    let text = |l: &crosscheck::findings::Label| &a.source.text[l.start..l.end];
    let spans = |f: &crosscheck::findings::Finding| -> (String, Vec<String>) {
        let p = f.labels.iter().find(|l| l.primary).unwrap();
        let r = f
            .labels
            .iter()
            .filter(|l| !l.primary)
            .map(|l| text(l).to_string())
            .collect();
        (text(p).to_string(), r)
    };
    let find = |rule: &str, primary: &str| {
        a.findings
            .iter()
            .find(|f| f.rule == rule && spans(f).0 == primary)
            .unwrap_or_else(|| {
                panic!(
                    "{rule} on {primary:?} not found; findings: {:#?}",
                    a.findings
                        .iter()
                        .map(|f| (f.rule.clone(), spans(f)))
                        .collect::<Vec<_>>()
                )
            })
    };
    use crosscheck::findings::{Category, Severity};

    // name drift: Tokayev / Tokazhev, Nazarbayev / Nazarbaye
    let f = find("CC201", "Tokazhev");
    assert_eq!(spans(f).1, ["Tokayev"]);
    assert!(f.message.contains("“Tokayev” ×2") && f.message.contains("“Tokazhev” ×1"));
    assert!(f.message.contains("such as “Tokayev”"), "{}", f.message);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.category, Category::Entity);
    let f = find("CC201", "Nazarbaye");
    assert_eq!(spans(f).1, ["Nazarbayev"]);
    assert!(f.message.contains("such as “Nazarbayev”"), "{}", f.message);
    // the preferred spelling is shown where the draft first uses it: in the full name
    let related = f.labels.iter().find(|l| !l.primary).unwrap();
    assert!(a.source.text[..related.start].contains("ex-presidente Narsultan "));

    // ODKB / ODIHR: an undefined acronym that looks like the defined one
    let f = find("CC214", "ODIHR");
    assert_eq!(spans(f).1, ["Acordo de Segurança Conjunta (ODKB)"]);
    assert!(f.message.contains("is ODKB meant?"), "{}", f.message);
    assert!(f.message.contains("Russian"), "{}", f.message);
    assert_eq!(f.severity, Severity::Warning);
    // and ODIHR is not also reported as merely undefined
    assert!(
        !a.findings
            .iter()
            .any(|f| f.rule == "CC211" && spans(f).0 == "ODIHR")
    );

    // letters that fit in neither language: CSC, and ODKB as the Russian acronym
    let f = find("CC215", "CSC");
    assert_eq!(spans(f).1, ["Conselho de Segurança Nacional"]);
    assert_eq!(f.severity, Severity::Info);
    let f = find("CC215", "ODKB");
    assert!(f.message.contains("Russian acronym"), "{}", f.message);
    assert_eq!(f.severity, Severity::Info);

    // "em resposta ao pedido de Tóquio": the city where Tokayev is meant
    let f = find("CC221", "Tóquio");
    assert_eq!(spans(f).1, ["Qasim Jomar Tokayev"]);
    assert!(f.message.contains("pedido de Tóquio"), "{}", f.message);
    assert_eq!(f.severity, Severity::Info);

    // sourcing notes: the hedged start of the protests, the unattributed reports
    let f = find(
        "CC302",
        "Protestos contra o forte aumento dos preços do gás liquefeito supostamente começaram no domingo em Zhanaozen, no sudoeste do país",
    );
    assert_eq!(spans(f).1, ["supostamente"]);
    assert_eq!(
        (f.severity, f.category),
        (Severity::Info, Category::Sourcing)
    );
    let f = find(
        "CC301",
        "um ex-presidente havia deixado o Cazaquistão na sexta-feira",
    );
    assert_eq!(spans(f).1, ["surgiram notícias de que"]);
    assert_eq!(
        (f.severity, f.category),
        (Severity::Info, Category::Sourcing)
    );

    // nothing of these categories at error level
    assert!(
        !a.findings
            .iter()
            .any(|f| f.category != Category::Contradiction && f.severity == Severity::Error)
    );
}
