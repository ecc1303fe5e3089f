//! The command line: `check`, `report`, `claims`, `graph`, `sentences`, `entities`, `rules`,
//! `explain`, `config`. Exit codes: 0 nothing at or above `--fail-on`, 1 findings (or a stale
//! report with `report --check`), 2 any error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::Analysis;
use crate::batch::{Batch, Inputs};
use crate::error::Error;
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
    /// Write a Markdown (or HTML) report per draft for review: findings, who said what, graph.
    Report(ReportArgs),
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
    /// Show the effective configuration (`crosscheck.toml`) for a directory or draft.
    Config(ConfigArgs),
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
    /// Use this configuration file for every draft (instead of finding crosscheck.toml).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every crosscheck.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Only drafts changed since this git revision (committed, uncommitted or untracked).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

impl Common {
    pub fn inputs(&self) -> Inputs {
        Inputs {
            paths: self.paths.clone(),
            lang: self.lang.clone(),
            rules_dirs: self.rules_dirs.clone(),
            max_file_size: self.max_file_size,
            threads: self.threads,
            config: self.config.clone(),
            no_config: self.no_config,
            changed_since: self.changed_since.clone(),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
    Rdjson,
    Junit,
    Checkstyle,
    Concise,
    Gitlab,
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
    /// Lowest severity that makes the exit code 1 [default: `fail-on` of crosscheck.toml, else warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Record today's findings in FILE (written atomically) and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub common: Common,
    /// Directory for the reports (the draft's path is kept under it); default: next to each
    /// draft, as `NAME.crosscheck.md` (or `.html`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// Write nothing; exit 1 and print a diff when a report on disk is missing or stale.
    #[arg(long)]
    pub check: bool,
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Print the effective configuration.
    #[arg(long, required = true)]
    pub show: bool,
    /// A draft or directory to show the configuration of (default: the current directory).
    pub path: Option<PathBuf>,
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    #[arg(long)]
    pub no_config: bool,
    /// Extra rules directories.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
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

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
    if dirs.is_empty() {
        Ok(RuleSet::embedded()?)
    } else {
        Ok(RuleSet::with_extra(dirs)?)
    }
}

/// Print a line to stderr. A closed or broken stderr must not turn an error into a panic
/// (`eprintln!` panics when its write fails), so a failed write is ignored.
pub fn stderr_line(args: std::fmt::Arguments<'_>) {
    let mut e = std::io::stderr().lock();
    let _ = e.write_fmt(args);
    let _ = e.write_all(b"\n");
}

/// Write to stdout (for other modules); a closed pipe is handled by `main`.
pub fn emit_pub(s: &str) -> Result<(), std::io::Error> {
    emit(s)
}

/// Write to stdout; a closed pipe is not an error.
fn emit(s: &str) -> Result<(), std::io::Error> {
    let mut out = std::io::stdout().lock();
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
            stderr_line(format_args!("crosscheck: error: {e}"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Report(args) => report::files::run(&args),
        Command::Config(args) => show_config(&args),
        Command::Claims(args) => match args.format.unwrap_or(ClaimsFormat::Table) {
            ClaimsFormat::Table => stage(
                &args.common,
                true,
                &report::stages::Each(report::stages::claims_table_of),
            ),
            ClaimsFormat::Json => stage(&args.common, true, &report::stages::ClaimsJson),
        },
        Command::Graph(args) => {
            let format = args.format.unwrap_or(GraphFormat::Dot);
            let graph = report::stages::Each(|a: &Analysis| {
                let g = crate::graph::build(a);
                match format {
                    GraphFormat::Dot => crate::graph::to_dot(&g),
                    GraphFormat::Json => crate::graph::to_json(&g),
                    GraphFormat::Mermaid => crate::graph::to_mermaid(&g),
                }
            });
            stage(&args.common, true, &graph)
        }
        Command::Sentences(args) => match args.format.unwrap_or(SentencesFormat::Text) {
            SentencesFormat::Text => stage(
                &args.common,
                false,
                &report::stages::Each(report::stages::sentences_text_of),
            ),
            SentencesFormat::Json => stage(&args.common, false, &report::stages::SentencesJson),
        },
        Command::Entities(args) => stage(
            &args.common,
            false,
            &report::stages::Each(report::stages::entities_text_of),
        ),
        Command::Events(args) => stage(
            &args.common,
            false,
            &report::stages::Each(report::stages::events_text_of),
        ),
        Command::Rules(args) => {
            let rules = load_rules(&args.rules_dirs)?;
            let mut s = format!(
                "{:<6} {:<34} {:<14} {:<8} {:<8} {}\n",
                "id", "name", "category", "severity", "status", "languages"
            );
            // the built-in directive check first: it is not a rule file
            {
                use crate::suppress::*;
                s.push_str(&format!(
                    "{:<6} {:<34} {:<14} {:<8} {:<8} {}\n",
                    RULE_ID,
                    RULE_NAME,
                    "directive",
                    RULE_SEVERITY.as_str(),
                    "stable",
                    "all"
                ));
            }
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
            if args.id.eq_ignore_ascii_case(crate::suppress::RULE_ID) {
                use crate::suppress::*;
                let s = format!(
                    "{RULE_ID} {RULE_NAME} (Directive, {}, Stable)\n\nWhat it catches:\n  {RULE_WHAT}\n\nWhy it matters:\n  {RULE_WHY}\n",
                    RULE_SEVERITY.as_str()
                );
                emit(&s).map_err(Error::Output)?;
                return Ok(ExitCode::from(0));
            }
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

/// A stage printed draft by draft (see [`report::Report`]): each draft is analysed (with
/// `check`, checked) and printed on a worker, and written in path order.
fn stage(common: &Common, check: bool, format: &dyn report::Report) -> Result<ExitCode, Error> {
    let inputs = common.inputs();
    let batch = Batch::prepare(&inputs)?;
    let each = |_: &str, _: &_, a: Analysis| (report::DraftMeta::of(&a), format.draft(&a));
    let mut writer = report::Writer::new(format, std::io::stdout().lock());
    let errors = batch
        .stream(check, each, |(meta, part)| writer.push(meta, &part))
        .map_err(Error::Output)?;
    drop(writer.finish().map_err(Error::Output)?);
    exiting(batch);
    Ok(ExitCode::from(if errors > 0 { 2 } else { 0 }))
}

fn check(args: CheckArgs) -> Result<ExitCode, Error> {
    let inputs = args.common.inputs();
    let batch = Batch::prepare(&inputs)?;
    if let Some(path) = &args.write_baseline {
        let drafts = batch.drafts().filter_map(|d| d.ok().map(|(p, _)| p));
        if let Some(d) = source::draft_at(path, drafts) {
            return Err(Error::Usage(format!(
                "{}: is a draft of this run ({d}); crosscheck never writes over a draft",
                path.display()
            )));
        }
        let mut entries = Vec::new();
        let errors = batch.stream(
            true,
            |_, _, a| crate::baseline::entries(&a),
            |e| -> Result<(), Error> {
                entries.extend(e);
                Ok(())
            },
        )?;
        let b = crate::baseline::Baseline::from_entries(entries);
        crate::atomic::write(path, b.to_json().as_bytes()).map_err(|e| {
            Error::Usage(format!(
                "{}: cannot write the baseline: {e}",
                path.display()
            ))
        })?;
        stderr_line(format_args!(
            "crosscheck: wrote {} finding{} to {}",
            b.findings.len(),
            report::plural(b.findings.len()),
            path.display()
        ));
        exiting(batch);
        return Ok(ExitCode::from(if errors > 0 { 2 } else { 0 }));
    }
    let baseline = match &args.baseline {
        Some(path) => Some(crate::baseline::Baseline::read(path)?),
        None => None,
    };
    let known = baseline.as_ref().map(|b| b.by_file()).unwrap_or_default();
    let cli_level = args.fail_on.map(|f| match f {
        FailOn::Error => crate::config::FailOn::Error,
        FailOn::Warning => crate::config::FailOn::Warning,
        FailOn::Info => crate::config::FailOn::Info,
        FailOn::Never => crate::config::FailOn::Never,
    });
    let format: Box<dyn report::Report> = match args.format {
        CheckFormat::Human => Box::new(report::human::Human {
            styled: args.color != Color::Never,
        }),
        CheckFormat::Json => Box::new(report::json::Json),
        CheckFormat::Sarif => Box::new(report::sarif::Sarif {
            rules: batch.all_rules(),
        }),
        CheckFormat::Github => Box::new(report::github::Github),
        CheckFormat::Rdjson => Box::new(report::rdjson::Rdjson),
        CheckFormat::Junit => Box::new(report::junit::Junit),
        CheckFormat::Checkstyle => Box::new(report::checkstyle::Checkstyle),
        CheckFormat::Concise => Box::new(report::concise::Concise),
        CheckFormat::Gitlab => Box::new(report::gitlab::Gitlab),
    };
    let format = &*format;
    // each draft is checked, filtered by the baseline and rendered on a worker thread; its
    // part of the report is written as soon as the drafts before it are
    let each = |path: &str, group: &crate::batch::Group, mut a: Analysis| {
        let dropped = match known.get(path) {
            Some(prints) => crate::baseline::filter_draft(prints, &mut a),
            None => 0,
        };
        let failing = group
            .fail_level(cli_level)
            .is_some_and(|l| a.findings.iter().any(|f| f.severity >= l));
        let part = format.draft(&a);
        (report::DraftMeta::of(&a), part, failing, dropped)
    };
    let (mut failing, mut dropped) = (false, 0);
    let stdout = std::io::stdout().lock();
    let out: Box<dyn Write> = if args.format == CheckFormat::Human {
        let choice = match args.color {
            Color::Auto => anstream::ColorChoice::Auto,
            Color::Always => anstream::ColorChoice::Always,
            Color::Never => anstream::ColorChoice::Never,
        };
        Box::new(anstream::AutoStream::new(stdout, choice))
    } else {
        Box::new(stdout)
    };
    let mut writer = report::Writer::new(format, out);
    let errors = batch
        .stream(true, each, |(meta, part, fails, d)| {
            failing |= fails;
            dropped += d;
            writer.push(meta, &part)
        })
        .map_err(Error::Output)?;
    writer.finish().map_err(Error::Output)?;
    if dropped > 0 && args.format == CheckFormat::Human {
        stderr_line(format_args!(
            "crosscheck: {dropped} finding{} already in the baseline {} not shown",
            report::plural(dropped),
            if dropped == 1 { "is" } else { "are" }
        ));
    }
    exiting(batch);
    if errors > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::from(if failing { 1 } else { 0 }))
}

/// The command is done and the process is about to exit: freeing the analyses and the rules
/// (the gazetteer alone is tens of thousands of small allocations) would only cost time.
fn exiting<T>(done: T) {
    std::mem::forget(done);
}

fn show_config(args: &ConfigArgs) -> Result<ExitCode, Error> {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let dir = if path.is_dir() {
        path.clone()
    } else if path.exists() {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    } else {
        return Err(Error::Usage(format!(
            "{}: no such file or directory",
            path.display()
        )));
    };
    let inputs = Inputs {
        rules_dirs: args.rules_dirs.clone(),
        config: args.config.clone(),
        no_config: args.no_config,
        ..Inputs::default()
    };
    let config = crate::batch::config_for_dir(&inputs, &dir)?;
    let mut dirs = config.rules_dirs();
    dirs.extend(args.rules_dirs.iter().cloned());
    let mut rules = load_rules(&dirs)?;
    let meta: Vec<&str> = crate::batch::meta_rules()
        .iter()
        .map(|(id, _)| *id)
        .collect();
    config.apply(&mut rules, &meta)?;
    emit(&config.show(&rules, &crate::batch::meta_rules())).map_err(Error::Output)?;
    Ok(ExitCode::from(0))
}
