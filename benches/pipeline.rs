//! Throughput of the whole pipeline (analysis and checks) in bytes per second, on 1 MB and
//! 10 MB of concatenated articles built from the repository's own fixtures and corpus.
//! Time per byte must stay flat from 1 MB to 10 MB: the pipeline is linear.
//!
//!     cargo bench --bench pipeline

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::source::{Markup, Source};
use crosscheck::{Analysis, Options, RuleSet};

fn corpus(lang: &str) -> String {
    let mut text = String::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        format!("tests/corpus/{lang}/dev"),
        format!("tests/corpus/{lang}/holdout"),
    ] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            if matches!(f.extension().and_then(|e| e.to_str()), Some("md" | "txt")) {
                let t = std::fs::read_to_string(&f).unwrap();
                // drop front matter so the concatenation stays one Markdown document
                let body = t
                    .strip_prefix("---\n")
                    .and_then(|r| r.split_once("\n---\n"))
                    .map(|(_, b)| b)
                    .unwrap_or(&t);
                text.push_str(body);
                text.push_str("\n\n");
            }
        }
    }
    text
}

fn sized(base: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + base.len());
    while s.len() < bytes {
        s.push_str(base);
    }
    s
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    for lang in ["en", "pt"] {
        let base = corpus(lang);
        let mut g = c.benchmark_group(format!("check/{lang}"));
        g.sample_size(10);
        for mb in [1usize, 10] {
            let text = sized(&base, mb << 20);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{mb}MB"), |b| {
                b.iter(|| {
                    let src = Source::new("bench.md", text.clone(), Markup::Markdown);
                    let mut a = Analysis::new(
                        src,
                        &rules,
                        &Options {
                            lang: Some(lang.into()),
                            default_lang: None,
                        },
                    )
                    .unwrap();
                    a.check(&rules.rules);
                    a.findings.len()
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
