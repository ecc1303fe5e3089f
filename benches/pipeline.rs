//! Throughput in bytes per second of each stage and of the whole pipeline, per language, on
//! news-like corpora generated from the repository's fixture articles (names, numbers and
//! places varied; see `benches/support/corpus.rs`).
//!
//!     cargo bench --bench pipeline                  # everything
//!     cargo bench --bench pipeline -- stage/en      # the stages in English
//!     cargo bench --bench pipeline -- check/pt      # the whole pipeline in Portuguese
//!
//! Groups:
//! - `stage/<lang>/<stage>`: one stage on 1 MB, fed with the output of the stages before it
//!   (computed once, outside the timing): `segmentation` (Markdown → prose, tokens,
//!   sentences, quotes), `mentions` (noun phrases, times, numbers), `extraction` (attribution
//!   frames), `resolution` (entities), `claims`, `graph`, `checks`, `render-human`,
//!   `render-json`. Throughput is always counted in bytes of the draft.
//! - `check/<lang>/<size>`: the whole analysis and checks of one draft of 1 MB and 10 MB;
//!   time per byte must stay flat (the pipeline is linear).
//! - `startup/rules`: loading the embedded rules as `check` does: the rules `build.rs`
//!   compiled, and one language (English) decoded.
//! - `startup/rules-from-text`: loading the same rules from their TOML and TSV text, as with
//!   extra rules directories (`--rules`).
//!
//! `CROSSCHECK_BENCH_FROM=DIR` replaces the fixture articles with the real articles in DIR
//! (used as they are); `CROSSCHECK_BENCH_LANG=en` restricts the languages.

mod support;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::analysis::Analysis;
use crosscheck::extract::{self, Index};
use crosscheck::resolve::Resolver;
use crosscheck::source::{Markup, Source};
use crosscheck::{Options, RuleSet, graph, markup, np, numbers, report, segment, time, tokens};
use support::corpus::Corpus;

fn corpus(lang: &str) -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match std::env::var_os("CROSSCHECK_BENCH_FROM") {
        Some(d) => Corpus::real(root, lang, &PathBuf::from(d)),
        None => Corpus::fixtures(root, lang),
    }
}

fn languages() -> Vec<String> {
    match std::env::var("CROSSCHECK_BENCH_LANG") {
        Ok(l) => l.split(',').map(str::to_string).collect(),
        Err(_) => vec!["en".into(), "pt".into()],
    }
}

fn opts(lang: &str) -> Options {
    Options {
        lang: Some(lang.into()),
        default_lang: None,
    }
}

fn analyse<'r>(rules: &'r RuleSet, lang: &str, text: &str) -> Analysis<'r> {
    let src = Source::new("bench.md", text.to_string(), Markup::Markdown);
    let mut a = Analysis::new(src, rules, &opts(lang)).unwrap();
    a.check(&rules.rules);
    a
}

fn stages(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    for lang in languages() {
        let text = corpus(&lang).text(1 << 20, 0);
        let a = analyse(&rules, &lang, &text);
        let ctx = a.ctx();
        let language = rules.language(&lang).unwrap();
        let mut g = c.benchmark_group(format!("stage/{lang}"));
        g.sample_size(10);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("segmentation", |b| {
            b.iter(|| {
                let prose = markup::prose(&a.source);
                let mut toks = tokens::Tokens::default();
                let mut block_toks = Vec::with_capacity(prose.blocks.len());
                for bl in &prose.blocks {
                    let s = toks.len();
                    tokens::tokenize_into(&prose.text, bl.start, bl.end, &mut toks);
                    block_toks.push((s, toks.len()));
                }
                let s =
                    segment::sentences(&prose.text, &toks, &prose.blocks, &block_toks, language);
                let q = segment::quotes(&prose.text, &toks, &block_toks);
                (s.len(), q.len())
            })
        });
        g.bench_function("mentions", |b| {
            b.iter(|| {
                let nps = np::chunk(&ctx, &a.sentences);
                let mut times = Vec::new();
                let mut nums = Vec::new();
                for (si, s) in a.sentences.iter().enumerate() {
                    let from = times.len();
                    time::scan(&ctx, s, si, &mut times);
                    numbers::scan(&ctx, s, si, &times[from..], &mut nums);
                }
                (nps.len(), times.len(), nums.len())
            })
        });
        let ix = Index::new(a.tokens.len(), &a.nps, &a.times, &a.quotes, &ctx);
        g.bench_function("extraction", |b| {
            b.iter(|| {
                let ix = Index::new(a.tokens.len(), &a.nps, &a.times, &a.quotes, &ctx);
                extract::frames(&ctx, &ix, &a.sentences).len()
            })
        });
        g.bench_function("resolution", |b| {
            b.iter(|| {
                Resolver::new(&ctx, &a.nps, &a.frames, &rules.names)
                    .run()
                    .0
                    .len()
            })
        });
        g.bench_function("claims", |b| {
            b.iter(|| {
                crosscheck::claims::build(
                    &ctx,
                    &ix,
                    &a.sentences,
                    &a.frames,
                    &a.res,
                    &a.entities,
                    &a.nums,
                    &a.anchor,
                )
                .len()
            })
        });
        g.bench_function("graph", |b| b.iter(|| graph::build(&a).node_count()));
        g.bench_function("checks", |b| {
            b.iter(|| crosscheck::checks::run(&a, &rules.rules).len())
        });
        let files = std::slice::from_ref(&a);
        g.bench_function("render-human", |b| {
            b.iter(|| report::human::render(black_box(files), false).len())
        });
        g.bench_function("render-json", |b| {
            b.iter(|| report::json::render(black_box(files)).len())
        });
        g.finish();
    }
}

fn whole(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    for lang in languages() {
        let corpus = corpus(&lang);
        let mut g = c.benchmark_group(format!("check/{lang}"));
        g.sample_size(10);
        for mb in [1usize, 10] {
            let text = corpus.text(mb << 20, 0);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{mb}MB"), |b| {
                b.iter(|| analyse(&rules, &lang, &text).findings.len())
            });
        }
        g.finish();
    }
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("rules", |b| {
        b.iter(|| {
            let r = RuleSet::embedded().unwrap();
            r.language("en").map(|l| l.code.len()).unwrap_or(0) + r.rules.len()
        })
    });
    g.bench_function("rules-from-text", |b| {
        b.iter(|| RuleSet::embedded_from_text().unwrap().rules.len())
    });
    g.finish();
}

criterion_group!(benches, stages, whole, startup);
criterion_main!(benches);
