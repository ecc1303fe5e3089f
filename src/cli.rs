//! The command line: `check`, `claims`, `graph`, `sentences`, `entities`, `rules`, `explain`.
//! Exit codes: 0 nothing at or above `--fail-on`, 1 findings, 2 any error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::analysis::{Analysis, Options};
use crate::error::Error;
use crate::findings::Severity;
use crate::report;
use crate::rules::RuleSet;
use crate::source;

#[derive(Parser, Debug)]
#[command(
    name = "crosscheck",
    version,
    about = "Finds claims in news drafts that cannot all be true."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check drafts and report contradictions (exit 1 when there are findings).
    Check(CheckArgs),
    /// Print the attributed claims of drafts: who said what, about whom, when, how sure.
    Claims(StageArgs<ClaimsFormat>),
    /// Print the who-said-what graph of a draft.
    Graph(StageArgs<GraphFormat>),
    /// Print the sentences crosscheck sees.
    Sentences(StageArgs<SentencesFormat>),
    /// Print the entities (people, organisations, places) and how they were resolved.
    Entities(StageArgs<EntitiesFormat>),
    /// Print the dated events the drafts mention (verbs and nouns with a day).
    Events(StageArgs<EntitiesFormat>),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain a rule: what it catches, why it matters, and its examples.
    Explain(ExplainArgs),
}

#[derive(Args, Debug, Clone)]
pub struct Common {
    /// Drafts: files, directories (searched for .md, .markdown and .txt), or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Language of the drafts (en, pt); otherwise front matter `lang:` or detection.
    #[arg(long)]
    pub lang: Option<String>,
    /// Extra rules directories (lexicons, gazetteer rows, rule files).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Largest draft to read, in bytes.
    #[arg(long, default_value_t = source::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Worker threads (0 = one per core). Output is the same for any number.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimsFormat {
    Table,
    Json,
}
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Json,
    Mermaid,
}
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentencesFormat {
    Text,
    Json,
}
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntitiesFormat {
    Text,
}

#[derive(Args, Debug)]
pub struct StageArgs<F: ValueEnum + Clone + Send + Sync + 'static> {
    #[command(flatten)]
    pub common: Common,
    #[arg(long, value_enum)]
    pub format: Option<F>,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Extra rules directories.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Rule id, such as CC101.
    pub id: String,
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
}

/// Analyse every draft (in parallel), sorted by path. Errors are printed and counted.
fn analyse<'r>(rules: &'r RuleSet, common: &Common, check: bool) -> (Vec<Analysis<'r>>, usize) {
    let paths = match source::expand_inputs(&common.paths) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("crosscheck: error: {e}");
            return (Vec::new(), 1);
        }
    };
    let opts = Options {
        lang: common.lang.clone(),
        default_lang: None,
    };
    let run = || -> Vec<Result<Analysis<'r>, Error>> {
        paths
            .par_iter()
            .map(|p| {
                let src = source::read(p, common.max_file_size)?;
                let mut a = Analysis::new(src, rules, &opts)?;
                if check {
                    a.check(&rules.rules);
                }
                Ok(a)
            })
            .collect()
    };
    let results = if common.threads > 0 {
        match rayon::ThreadPoolBuilder::new()
            .num_threads(common.threads)
            .build()
        {
            Ok(pool) => pool.install(run),
            Err(_) => run(),
        }
    } else {
        run()
    };
    let mut out = Vec::new();
    let mut errors = 0;
    for r in results {
        match r {
            Ok(a) => out.push(a),
            Err(e) => {
                eprintln!("crosscheck: error: {e}");
                errors += 1;
            }
        }
    }
    out.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    (out, errors)
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
    if dirs.is_empty() {
        Ok(RuleSet::embedded()?)
    } else {
        Ok(RuleSet::with_extra(dirs)?)
    }
}

/// Write to stdout; a closed pipe is not an error.
fn emit(s: &str) -> Result<(), std::io::Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()
}

fn emit_styled(s: &str, color: Color) -> Result<(), std::io::Error> {
    let choice = match color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    out.write_all(s.as_bytes())?;
    out.flush()
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if let Error::Output(io) = &e
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::from(0);
            }
            eprintln!("crosscheck: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Check(args) => {
            let rules = load_rules(&args.common.rules_dirs)?;
            let (files, errors) = analyse(&rules, &args.common, true);
            let text = match args.format {
                CheckFormat::Human => report::human::render(&files, args.color != Color::Never),
                CheckFormat::Json => report::json::render(&files),
            };
            if args.format == CheckFormat::Human {
                emit_styled(&text, args.color).map_err(Error::Output)?;
            } else {
                emit(&text).map_err(Error::Output)?;
            }
            if errors > 0 {
                return Ok(ExitCode::from(2));
            }
            let level = match args.fail_on {
                FailOn::Error => Some(Severity::Error),
                FailOn::Warning => Some(Severity::Warning),
                FailOn::Info => Some(Severity::Info),
                FailOn::Never => None,
            };
            let failing = level
                .map(|l| report::count_at_or_above(&files, l))
                .unwrap_or(0);
            Ok(ExitCode::from(if failing > 0 { 1 } else { 0 }))
        }
        Command::Claims(args) => stage(&args.common, true, |files| {
            match args.format.unwrap_or(ClaimsFormat::Table) {
                ClaimsFormat::Table => report::stages::claims_table(files),
                ClaimsFormat::Json => report::stages::claims_json(files),
            }
        }),
        Command::Graph(args) => stage(&args.common, true, |files| {
            let mut s = String::new();
            for a in files {
                let g = crate::graph::build(a);
                s.push_str(&match args.format.unwrap_or(GraphFormat::Dot) {
                    GraphFormat::Dot => crate::graph::to_dot(&g),
                    GraphFormat::Json => crate::graph::to_json(&g),
                    GraphFormat::Mermaid => crate::graph::to_mermaid(&g),
                });
            }
            s
        }),
        Command::Sentences(args) => stage(&args.common, false, |files| {
            match args.format.unwrap_or(SentencesFormat::Text) {
                SentencesFormat::Text => report::stages::sentences_text(files),
                SentencesFormat::Json => report::stages::sentences_json(files),
            }
        }),
        Command::Entities(args) => stage(&args.common, false, report::stages::entities_text),
        Command::Events(args) => stage(&args.common, false, report::stages::events_text),
        Command::Rules(args) => {
            let rules = load_rules(&args.rules_dirs)?;
            let mut s = format!(
                "{:<6} {:<34} {:<14} {:<8} {:<8} {}\n",
                "id", "name", "category", "severity", "status", "languages"
            );
            for r in &rules.rules {
                s.push_str(&format!(
                    "{:<6} {:<34} {:<14} {:<8} {:<8} {}\n",
                    r.id,
                    r.name,
                    format!("{:?}", r.category).to_lowercase(),
                    r.severity.as_str(),
                    format!("{:?}", r.status).to_lowercase(),
                    r.languages.join(",")
                ));
            }
            emit(&s).map_err(Error::Output)?;
            Ok(ExitCode::from(0))
        }
        Command::Explain(args) => {
            let rules = load_rules(&args.rules_dirs)?;
            let Some(r) = rules.rule(&args.id) else {
                return Err(Error::Usage(format!(
                    "no rule {:?} (see `crosscheck rules`)",
                    args.id
                )));
            };
            let mut s = format!(
                "{} {} ({:?}, {}, {:?})\n\n",
                r.id,
                r.name,
                r.category,
                r.severity.as_str(),
                r.status
            );
            s.push_str(&format!(
                "What it catches:\n  {}\n\nWhy it matters:\n  {}\n\nExamples:\n",
                indent(&r.what),
                indent(&r.why)
            ));
            for e in &r.examples {
                let mark = if e.expect == "none" {
                    "must not flag"
                } else {
                    "must flag"
                };
                let text = crate::examples::strip_markers(&e.text)
                    .map(|m| m.text)
                    .unwrap_or_else(|_| e.text.clone());
                s.push_str(&format!("  [{}] {}:\n    {}\n", e.lang, mark, text.trim()));
                if let Some(n) = &e.note {
                    s.push_str(&format!("    ({n})\n"));
                }
            }
            emit(&s).map_err(Error::Output)?;
            Ok(ExitCode::from(0))
        }
    }
}

fn indent(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn stage(
    common: &Common,
    check: bool,
    render: impl Fn(&[Analysis]) -> String,
) -> Result<ExitCode, Error> {
    let rules = load_rules(&common.rules_dirs)?;
    let (files, errors) = analyse(&rules, common, check);
    emit(&render(&files)).map_err(Error::Output)?;
    Ok(ExitCode::from(if errors > 0 { 2 } else { 0 }))
}
