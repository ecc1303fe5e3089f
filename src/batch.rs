//! A batch of drafts: inputs expanded, narrowed by `--changed-since` and by each draft's
//! `crosscheck.toml` (include/exclude), then analysed in parallel with that configuration's
//! rules, checked, and cleaned of suppressed findings. Output order never depends on threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::{Analysis, Options};
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
    /// Draft paths (sorted) and the index of their group.
    pub drafts: Vec<(String, usize)>,
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

impl Batch {
    pub fn prepare(inputs: &Inputs) -> Result<Batch, Error> {
        let mut paths = source::expand_inputs(&inputs.paths)?;
        if let Some(rev) = &inputs.changed_since {
            paths = crate::changed::filter(paths, rev)?;
        }
        // configuration file (or none) of each draft
        let mut finder = Finder::default();
        let mut keyed: Vec<(String, Option<PathBuf>)> = Vec::with_capacity(paths.len());
        for p in paths {
            let key = if inputs.no_config {
                None
            } else if let Some(c) = &inputs.config {
                Some(c.clone())
            } else {
                finder.for_draft(&p)
            };
            keyed.push((p, key));
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut index: BTreeMap<Option<PathBuf>, usize> = BTreeMap::new();
        let mut drafts = Vec::new();
        for (p, key) in keyed {
            let g = match index.get(&key) {
                Some(&g) => g,
                None => {
                    let config = match &key {
                        Some(file) => Config::load(file)?,
                        None => Config::defaults(config::absolute(Path::new("."))),
                    };
                    groups.push(load_group(config, &inputs.rules_dirs)?);
                    index.insert(key.clone(), groups.len() - 1);
                    groups.len() - 1
                }
            };
            let admitted = p == "-" || groups[g].config.admits(&config::absolute(Path::new(&p)));
            if admitted {
                drafts.push((p, g));
            }
        }
        if groups.is_empty() {
            // no drafts at all: still load the configuration of the current directory
            let c = config_for_dir(inputs, Path::new("."))?;
            groups.push(load_group(c, &inputs.rules_dirs)?);
        }
        drafts.sort();
        Ok(Batch { groups, drafts })
    }

    /// The group a draft belongs to.
    pub fn group_of(&self, path: &str) -> &Group {
        // `drafts` is sorted by path (and a path is there once)
        let g = self
            .drafts
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .map_or(0, |i| self.drafts[i].1);
        &self.groups[g]
    }

    /// The fail level of a draft: `--fail-on` wins over the file, then `warning`.
    pub fn fail_level(&self, path: &str, cli: Option<FailOn>) -> Option<Severity> {
        cli.or(self.group_of(path).config.file.fail_on)
            .unwrap_or(FailOn::Warning)
            .level()
    }

    /// Analyse every draft; with `check`, run the rules and apply suppressions. Errors are
    /// printed and counted; the analyses come back sorted by path (all held at once: the
    /// commands use [`Batch::stream`]).
    pub fn analyse(&self, inputs: &Inputs, check: bool) -> (Vec<Analysis<'_>>, usize) {
        let mut out = Vec::new();
        let errors = self.stream(
            inputs,
            check,
            |_, a| a,
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
    /// one, in path order, to `each` (on any thread) and
    /// its result to `sink` (on this thread). Drafts go through in windows of [`WINDOW`], so
    /// at most a window of results is held at once: memory does not grow with the number of
    /// drafts. Read errors are printed and counted; an error from `sink` stops the run.
    pub fn stream<'s, T: Send, E>(
        &'s self,
        inputs: &Inputs,
        check: bool,
        each: impl Fn(&str, Analysis<'s>) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<(), E>,
    ) -> Result<usize, E> {
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
            Ok(each(p, a))
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
        for window in self.drafts.chunks(WINDOW) {
            let results: Vec<Result<T, Error>> = if self.drafts.len() <= 1 {
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
                    Err(e) => {
                        crate::cli::stderr_line(format_args!("crosscheck: error: {e}"));
                        errors += 1;
                    }
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
