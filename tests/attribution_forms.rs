//! Attribution frames, one sentence pattern per row: who speaks, with which cue, and where the
//! content starts (and, for a frame inserted mid-sentence, where it continues). The sentences
//! are ours; each row names the pattern it pins down. A row with no speaker must give no
//! attributed claim for that cue.

mod common;

use crosscheck::claims::SourceKind;
use crosscheck::source::{Markup, Source};

struct Row {
    lang: &'static str,
    pattern: &'static str,
    text: &'static str,
    cue: &'static str,
    /// The speaker phrase, or None when the cue must not give an attributed claim.
    speaker: Option<&'static str>,
    /// The first words of the content.
    content: &'static str,
    /// The first words of the continuation after an inserted frame.
    continues: Option<&'static str>,
}

const ROWS: &[Row] = &[
    Row {
        lang: "pt",
        pattern: "a second cue of the same speaker after 'e' (the first content ends before it)",
        text: "O diretor Fábio Rangel negou que a fábrica tenha fechado e disse que a produção foi suspensa.",
        cue: "disse",
        speaker: Some("O diretor Fábio Rangel"),
        content: "a produção foi",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "name, age between commas, verb",
        text: "A líder sindical Graça Neto, de 47 anos, disse aos jornalistas que o acordo foi assinado.",
        cue: "disse",
        speaker: Some("Graça Neto"),
        content: "o acordo foi",
        continues: None,
    },
    Row {
        lang: "en",
        pattern: "name, bare age between commas, verb",
        text: "Peter Otieno, 58, told reporters the deal was signed.",
        cue: "told",
        speaker: Some("Peter Otieno"),
        content: "the deal was",
        continues: None,
    },
    Row {
        lang: "en",
        pattern: "closed quotation, speaker and verb, then a short phrase",
        text: "\"We will find a few million,\" Mayor Ingrid Solberg said after the vote.",
        cue: "said",
        speaker: Some("Mayor Ingrid Solberg"),
        content: "We will find",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "closed quotation, comma, verb and speaker, then a short phrase",
        text: "«Vamos encontrar uns milhões», disse o autarca após a votação.",
        cue: "disse",
        speaker: Some("o autarca"),
        content: "Vamos encontrar",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "role of a body named by a common noun (da empresa, do clube)",
        text: "O porta-voz da empresa disse que a fábrica continua aberta.",
        cue: "disse",
        speaker: Some("O porta-voz da empresa"),
        content: "a fábrica continua",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "role of a body, then the name between commas",
        text: "O presidente da federação, Álvaro Queiroz, disse que a prova foi cancelada.",
        cue: "disse",
        speaker: Some("Álvaro Queiroz"),
        content: "a prova foi",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "name, long apposition, verb, place of speaking, que",
        text: "Rui Tavares, director adjunto do gabinete regional do Turismo e Comércio, disse ontem em Faro que a época foi a melhor de sempre.",
        cue: "disse",
        speaker: Some("Rui Tavares"),
        content: "a época foi",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "name with a bracketed aside, then a comma",
        text: "A nadadora Inês Lobo (22 anos, campeã nacional), contou ontem que vai deixar a competição.",
        cue: "contou",
        speaker: Some("Inês Lobo"),
        content: "vai deixar",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "aside between commas before que",
        text: "A empresa Luzmar informou ontem, em nota enviada à câmara (CMO), que suspende as obras.",
        cue: "informou",
        speaker: Some("Luzmar"),
        content: "suspende as obras",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "connective between commas before que",
        text: "O tribunal entendeu, porém, que a multa era excessiva.",
        cue: "entendeu",
        speaker: None,
        content: "",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "connective between commas before que, with a speech verb",
        text: "O tribunal considerou, porém, que a multa era excessiva.",
        cue: "considerou",
        speaker: Some("O tribunal"),
        content: "a multa era",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "demonym inside an organisation's name",
        text: "O presidente da Liga Portuguesa de Futebol advertiu ontem que o calendário está em risco.",
        cue: "advertiu",
        speaker: Some("O presidente da Liga Portuguesa de Futebol"),
        content: "o calendário",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "bare plural speaker with a place",
        text: "Fontes em Bruxelas disseram à Lusa que o acordo será assinado.",
        cue: "disseram",
        speaker: Some("Fontes"),
        content: "o acordo",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "relative pronoun after a prepositional apposition",
        text: "A reacção veio do partido, por intermédio de Carla Mota, da sua direcção, que sublinhou que a coligação se mantém.",
        cue: "sublinhou",
        speaker: Some("Carla Mota"),
        content: "a coligação",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "frame inserted mid-sentence: the content continues after it",
        text: "Os estragos, disse Paulo Reis, estão cobertos pelo seguro.",
        cue: "disse",
        speaker: Some("Paulo Reis"),
        content: "Os estragos",
        continues: Some("estão cobertos"),
    },
    Row {
        lang: "pt",
        pattern: "'segundo X' mid-sentence",
        text: "As obras estão, segundo Ana Pires, quase terminadas.",
        cue: "segundo",
        speaker: Some("Ana Pires"),
        content: "As obras estão",
        continues: Some("quase terminadas"),
    },
    Row {
        lang: "pt",
        pattern: "a fronted phrase is not a content ('assegurava' = handled)",
        text: "No cargo desde Março, ela assegurava, entre outras coisas, a ligação às escolas.",
        cue: "assegurava",
        speaker: None,
        content: "",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "shouted masthead before the speaker's name",
        text: "«Foi uma decisão difícil», disse ao DIÁRIO Marta Sousa.",
        cue: "disse",
        speaker: Some("Marta Sousa"),
        content: "Foi uma decisão",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "gerund continuing a frame in the same sentence",
        text: "O ministro Luís Vaz afirmou que o plano avança, acrescentando que haverá verbas.",
        cue: "acrescentando",
        speaker: Some("O ministro Luís Vaz"),
        content: "haverá verbas",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "a modal before the verb: a possible statement, not a claim",
        text: "Ito pode anunciar hoje que a emissão está proibida.",
        cue: "anunciar",
        speaker: None,
        content: "",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "a quotation over two lines, its speaker unwritten: the last one quoted",
        text: "«Não aceito a multa», afirma Rita Lemos.\n«Vou recorrer.\nE vou ganhar», conclui.",
        cue: "conclui",
        speaker: Some("Rita Lemos"),
        content: "Vou recorrer",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "nobody quoted before: the one person the sentences before are about",
        text: "A memória da aldeia ilumina o rosto de Amílcar Neto.\n«A vida era dura», garante.",
        cue: "garante",
        speaker: Some("Amílcar Neto"),
        content: "A vida era dura",
        continues: None,
    },
    Row {
        lang: "pt",
        pattern: "two people before: no guess",
        text: "Amílcar Neto e Berta Sousa vivem na aldeia.\n«A vida era dura», garante.",
        cue: "garante",
        speaker: None,
        content: "",
        continues: None,
    },
    Row {
        lang: "en",
        pattern: "name, apposition, verb, place of speaking, that",
        text: "Dana Whitfield, deputy director of the Port Authority, said on Monday in Baltimore that the berth would reopen.",
        cue: "said",
        speaker: Some("Dana Whitfield"),
        content: "the berth",
        continues: None,
    },
    Row {
        lang: "en",
        pattern: "frame inserted mid-sentence",
        text: "The damage, said Paul Reed, is covered by insurance.",
        cue: "said",
        speaker: Some("Paul Reed"),
        content: "The damage",
        continues: Some("is covered"),
    },
    Row {
        lang: "en",
        pattern: "relative pronoun before the verb",
        text: "The board met the mayor, Ann Lowe, who said that the budget was final.",
        cue: "said",
        speaker: Some("Ann Lowe"),
        content: "the budget",
        continues: None,
    },
    Row {
        lang: "en",
        pattern: "aside between commas before that",
        text: "The ministry said on Tuesday, in a statement posted online, that the border was closed.",
        cue: "said",
        speaker: Some("The ministry"),
        content: "the border",
        continues: None,
    },
    Row {
        lang: "en",
        pattern: "gerund continuing a frame in the same sentence",
        text: "Mayor Ann Lowe said the budget was final, adding that no cuts were planned.",
        cue: "adding",
        speaker: Some("Mayor Ann Lowe"),
        content: "no cuts",
        continues: None,
    },
    Row {
        lang: "en",
        pattern: "bare plural speaker with a place",
        text: "Officials in Nairobi said the vote would go ahead.",
        cue: "said",
        speaker: Some("Officials"),
        content: "the vote",
        continues: None,
    },
];

#[test]
fn attribution_forms() {
    let rules = common::rules();
    let mut failures = Vec::new();
    for row in ROWS {
        let src = Source::new("row.txt", row.text, Markup::Plain);
        let opts = crosscheck::Options {
            lang: Some(row.lang.into()),
            default_lang: None,
        };
        let a = crosscheck::Analysis::new(src, rules, &opts).unwrap();
        let t = row.text;
        let claim = a.claims.iter().find(|c| {
            c.cue.is_some_and(|(s, e)| &t[s..e] == row.cue)
                && matches!(c.source_kind, SourceKind::Named | SourceKind::Anonymous)
        });
        let got = claim.map(|c| {
            (
                c.speaker_np.map(|np| &t[a.nps[np].start..a.nps[np].end]),
                &t[c.content.0..c.content.1],
                c.extra.map(|(s, e)| &t[s..e]),
            )
        });
        let ok = match (row.speaker, got) {
            (None, None) => true,
            (Some(sp), Some((Some(got_sp), content, extra))) => {
                got_sp == sp
                    && content.starts_with(row.content)
                    && match row.continues {
                        Some(x) => extra.is_some_and(|e| e.starts_with(x)),
                        None => extra.is_none(),
                    }
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "[{}] {}\n    {}\n    expected {:?} / {:?} / {:?}, got {:?}",
                row.lang, row.pattern, row.text, row.speaker, row.content, row.continues, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows:\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
}
