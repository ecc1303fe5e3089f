//! A batch of drafts: inputs expanded, narrowed by `--changed-since` and by each draft's
//! `crosscheck.toml` (include/exclude), then analysed in parallel with that configuration's
//! rules, checked, and cleaned of suppressed findings. Output order never depends on threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::{Analysis, Options};
use crate::changed::Changed;
use crate::config::{self, Config, FailOn, Finder, RuleSetting};
use crate::error::Error;
use crate::findings::Severity;
use crate::rules::RuleSet;
use crate::source;
use crate::suppress;

/// Everything that decides which drafts are read and how.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    /// `--lang`
    pub lang: Option<String>,
    /// `--rules DIR` (added to every configuration's own directories).
    pub rules_dirs: Vec<PathBuf>,
    pub max_file_size: u64,
    pub threads: usize,
    /// `--config FILE`: one file for every draft instead of discovery.
    pub config: Option<PathBuf>,
    /// `--no-config`: ignore every `crosscheck.toml`.
    pub no_config: bool,
    /// `--changed-since REV`
    pub changed_since: Option<String>,
}

/// Drafts that share a configuration share a rule set.
pub struct Group {
    pub config: Config,
    pub rules: RuleSet,
    /// Every rule id known before `[rules]` turned some off (for suppression comments).
    pub known: Vec<String>,
}

impl Group {
    /// The fail level of this group's drafts: `--fail-on` wins over the file, then `warning`.
    pub fn fail_level(&self, cli: Option<FailOn>) -> Option<Severity> {
        cli.or(self.config.file.fail_on)
            .unwrap_or(FailOn::Warning)
            .level()
    }

    /// Severity of CC001 (unused suppressions), or `None` when it is off.
    pub fn unused_suppression(&self) -> Option<Severity> {
        match self.config.meta_setting(suppress::RULE_ID) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(s)) => Some(s),
            _ => Some(suppress::RULE_SEVERITY),
        }
    }
}

/// Drafts checked together by [`Batch::stream`] before their results are handed on: enough to
/// keep every core busy (a window waits only for its slowest draft), few enough that their
/// reports are small.
pub const WINDOW: usize = 256;

pub struct Batch {
    pub groups: Vec<Group>,
    inputs: Inputs,
    drafts: source::Drafts,
    changed: Option<Changed>,
    /// The group of each configuration file (`None`: the defaults).
    index: BTreeMap<Option<PathBuf>, usize>,
    /// How many drafts (admitted by their configuration).
    count: usize,
}

/// Whether a draft's configuration admits it (`include`/`exclude`); stdin always.
fn admits(group: &Group, path: &str) -> bool {
    path == "-" || group.config.admits(&config::absolute(Path::new(path)))
}

/// The ids of findings that do not come from rule files.
pub fn meta_rules() -> Vec<(&'static str, Severity)> {
    vec![(suppress::RULE_ID, suppress::RULE_SEVERITY)]
}

fn load_group(config: Config, cli_dirs: &[PathBuf]) -> Result<Group, Error> {
    let mut dirs = config.rules_dirs();
    dirs.extend(cli_dirs.iter().cloned());
    let mut rules = if dirs.is_empty() {
        RuleSet::embedded()?
    } else {
        RuleSet::with_extra(&dirs)?
    };
    let mut known: Vec<String> = rules.rules.iter().map(|r| r.id.clone()).collect();
    known.push(suppress::RULE_ID.to_string());
    let meta: Vec<&str> = meta_rules().iter().map(|(id, _)| *id).collect();
    config.apply(&mut rules, &meta)?;
    Ok(Group {
        config,
        rules,
        known,
    })
}

/// The configuration for `--config`, `--no-config`, or discovery from a directory.
pub fn config_for_dir(inputs: &Inputs, dir: &Path) -> Result<Config, Error> {
    if inputs.no_config {
        return Ok(Config::defaults(dir.to_path_buf()));
    }
    if let Some(p) = &inputs.config {
        return Ok(Config::load(p)?);
    }
    match Finder::default().find(dir) {
        Some(p) => Ok(Config::load(&p)?),
        None => Ok(Config::defaults(config::absolute(dir))),
    }
}

/// The drafts in path order, each with its configuration file (`None`: the defaults), before
/// the configuration's `include`/`exclude`.
struct Keyed<'b> {
    drafts: Box<dyn Iterator<Item = Result<String, crate::error::SourceError>> + 'b>,
    inputs: &'b Inputs,
    changed: Option<&'b Changed>,
    finder: Finder,
}

impl Iterator for Keyed<'_> {
    type Item = Result<(String, Option<PathBuf>), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let p = match self.drafts.next()? {
                Ok(p) => p,
                Err(e) => return Some(Err(e.into())),
            };
            if self.changed.is_some_and(|c| !c.keeps(&p)) {
                continue;
            }
            let key = if self.inputs.no_config {
                None
            } else if let Some(c) = &self.inputs.config {
                Some(c.clone())
            } else {
                self.finder.for_draft(&p)
            };
            return Some(Ok((p, key)));
        }
    }
}

impl Batch {
    /// Check the inputs, and load the configuration and rules of every draft: every input,
    /// configuration and rule error comes before any draft is read. The drafts are not held:
    /// they are listed again, walking the directories, each time they are needed.
    pub fn prepare(inputs: &Inputs) -> Result<Batch, Error> {
        let mut batch = Batch {
            inputs: inputs.clone(),
            drafts: source::Drafts::new(&inputs.paths)?,
            changed: match &inputs.changed_since {
                Some(rev) => Some(Changed::since(rev)?),
                None => None,
            },
            groups: Vec::new(),
            index: BTreeMap::new(),
            count: 0,
        };
        let mut groups = Vec::new();
        let mut index = BTreeMap::new();
        let mut count = 0;
        for draft in batch.keyed() {
            let (p, key) = draft?;
            let g = match index.get(&key) {
                Some(&g) => g,
                None => {
                    let config = match &key {
                        Some(file) => Config::load(file)?,
                        None => Config::defaults(config::absolute(Path::new("."))),
                    };
                    groups.push(load_group(config, &inputs.rules_dirs)?);
                    index.insert(key, groups.len() - 1);
                    groups.len() - 1
                }
            };
            if admits(&groups[g], &p) {
                count += 1;
            }
        }
        if groups.is_empty() {
            // no drafts at all: still load the configuration of the current directory
            let c = config_for_dir(inputs, Path::new("."))?;
            groups.push(load_group(c, &inputs.rules_dirs)?);
        }
        batch.groups = groups;
        batch.index = index;
        batch.count = count;
        Ok(batch)
    }

    fn keyed(&self) -> Keyed<'_> {
        Keyed {
            drafts: Box::new(self.drafts.iter()),
            inputs: &self.inputs,
            changed: self.changed.as_ref(),
            finder: Finder::default(),
        }
    }

    /// The drafts, in path order, each with its group (listed again from the inputs: a
    /// directory that can no longer be read gives an error in its place).
    pub fn drafts(&self) -> impl Iterator<Item = Result<(String, usize), Error>> + '_ {
        self.keyed().filter_map(|d| {
            let (p, key) = match d {
                Ok(d) => d,
                Err(e) => return Some(Err(e)),
            };
            match self.index.get(&key) {
                Some(&g) => admits(&self.groups[g], &p).then_some(Ok((p, g))),
                // a configuration file that appeared since `prepare` is not loaded mid-run
                None => Some(Err(Error::Usage(format!(
                    "{p}: its configuration {} appeared while crosscheck ran; run it again",
                    key.as_deref().unwrap_or(Path::new("(none)")).display()
                )))),
            }
        })
    }

    /// Analyse every draft; with `check`, run the rules and apply suppressions. Errors are
    /// printed and counted; the analyses come back sorted by path (all held at once: the
    /// commands use [`Batch::stream`]).
    pub fn analyse(&self, check: bool) -> (Vec<Analysis<'_>>, usize) {
        let mut out = Vec::new();
        let errors = self.stream(
            check,
            |_, _, a| a,
            |a| -> Result<(), std::convert::Infallible> {
                out.push(a);
                Ok(())
            },
        );
        let errors = match errors {
            Ok(n) => n,
            Err(never) => match never {},
        };
        (out, errors)
    }

    /// Analyse every draft (and with `check`, check it and apply suppressions) and hand each
    /// one, with its group, in path order, to `each` (on any thread) and its result to `sink`
    /// (on this thread). Drafts are listed and go through in windows of [`WINDOW`], so at most
    /// a window of paths and results is held at once: memory does not grow with the number of
    /// drafts. Read errors are printed and counted; an error from `sink` stops the run.
    pub fn stream<'s, T: Send, E>(
        &'s self,
        check: bool,
        each: impl Fn(&str, &'s Group, Analysis<'s>) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<(), E>,
    ) -> Result<usize, E> {
        let inputs = &self.inputs;
        let one = |(p, g): &(String, usize)| -> Result<T, Error> {
            let group = &self.groups[*g];
            let opts = Options {
                lang: inputs.lang.clone(),
                default_lang: group.config.file.default_lang.clone(),
            };
            let src = source::read(p, inputs.max_file_size)?;
            let mut a = Analysis::new(src, &group.rules, &opts)?;
            if check {
                a.check(&group.rules.rules);
                suppress::apply(&mut a, &group.known, group.unused_suppression());
            }
            Ok(each(p, group, a))
        };
        // `--threads` also bounds the threads that share the work of one long draft
        let pool = if inputs.threads > 0 {
            rayon::ThreadPoolBuilder::new()
                .num_threads(inputs.threads)
                .build()
                .ok()
        } else {
            None
        };
        let mut errors = 0;
        let mut report = |e: &Error| {
            crate::cli::stderr_line(format_args!("crosscheck: error: {e}"));
            errors += 1;
        };
        let mut drafts = self.drafts();
        loop {
            let mut window = Vec::with_capacity(WINDOW.min(self.count));
            for d in drafts.by_ref() {
                match d {
                    Ok(d) => window.push(d),
                    Err(e) => report(&e),
                }
                if window.len() == WINDOW {
                    break;
                }
            }
            if window.is_empty() {
                break;
            }
            let results: Vec<Result<T, Error>> = if self.count <= 1 {
                // one draft: in the pool if `--threads` asked for one (a long draft's phrases
                // are chunked on it), else no pool is started for a short one
                match &pool {
                    Some(pool) => pool.install(|| window.iter().map(one).collect()),
                    None => window.iter().map(one).collect(),
                }
            } else {
                let run = || window.par_iter().map(one).collect();
                match &pool {
                    Some(pool) => pool.install(run),
                    None => run(),
                }
            };
            for r in results {
                match r {
                    Ok(t) => sink(t)?,
                    Err(e) => report(&e),
                }
            }
        }
        Ok(errors)
    }

    /// Every rule of every group (first definition of an id wins), for SARIF and friends.
    pub fn all_rules(&self) -> Vec<crate::report::RuleMeta> {
        let mut seen = BTreeMap::new();
        for g in &self.groups {
            for r in &g.rules.rules {
                seen.entry(r.id.clone())
                    .or_insert_with(|| crate::report::RuleMeta::from_spec(r));
            }
        }
        seen.entry(suppress::RULE_ID.to_string())
            .or_insert_with(crate::report::RuleMeta::unused_suppression);
        seen.into_values().collect()
    }
}
