//! Writes a benchmark corpus: news-like English or Portuguese text built from the fixture
//! articles (names, numbers and places varied), or real articles from a directory.
//!
//!     cargo run --release --example bench_corpus -- --lang en --size 100M --file /tmp/en.md
//!     cargo run --release --example bench_corpus -- --lang pt --size 1G --dir /tmp/pt-drafts
//!     cargo run --release --example bench_corpus -- --lang en --size 10M --from DIR --file F
//!
//! `--file` writes one large draft; `--dir` writes many drafts (one article each, 1000 per
//! sub-directory). Output is the same for the same arguments (`--seed` changes it).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::{Path, PathBuf};

use corpus::Corpus;

fn usage() -> ! {
    eprintln!(
        "usage: bench_corpus --lang en|pt --size N[K|M|G] (--file OUT | --dir OUT) [--from DIR] [--seed N]"
    );
    std::process::exit(2)
}

fn main() -> std::io::Result<()> {
    let mut lang = None;
    let mut size = None;
    let mut file = None;
    let mut dir = None;
    let mut from = None;
    let mut seed = 0u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--lang" => lang = Some(val()),
            "--size" => size = Some(corpus::parse_size(&val()).unwrap_or_else(|| usage())),
            "--file" => file = Some(PathBuf::from(val())),
            "--dir" => dir = Some(PathBuf::from(val())),
            "--from" => from = Some(PathBuf::from(val())),
            "--seed" => seed = val().parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    let (Some(lang), Some(size)) = (lang, size) else {
        usage()
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = match &from {
        Some(d) => Corpus::real(root, &lang, d),
        None => Corpus::fixtures(root, &lang),
    };
    // the seed moves the start of the sequence of varied articles
    let first = seed.wrapping_mul(1_000_003);
    match (file, dir) {
        (Some(f), None) => {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&f)?);
            if size <= 1 << 20 {
                w.write_all(c.text(size, first).as_bytes())?;
            } else {
                let mut written = 0;
                let mut n = first;
                while written < size {
                    let a = c.article(n);
                    w.write_all(a.as_bytes())?;
                    w.write_all(b"\n\n")?;
                    written += a.len() + 2;
                    n += 1;
                }
            }
            w.flush()?;
        }
        (None, Some(d)) => {
            let mut written = 0;
            let mut n = 0u64;
            while written < size {
                let sub = d.join(format!("{:04}", n / 1000));
                if n.is_multiple_of(1000) {
                    std::fs::create_dir_all(&sub)?;
                }
                let a = c.article(first + n);
                std::fs::write(sub.join(format!("{n:07}.md")), format!("{a}\n"))?;
                written += a.len() + 1;
                n += 1;
            }
        }
        _ => usage(),
    }
    Ok(())
}
