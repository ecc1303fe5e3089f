//! `crosscheck.toml`: the repository's configuration, found by walking up from each draft.
//!
//! ```toml
//! default-lang = "pt"                 # used when a draft's language cannot be detected
//! fail-on = "warning"                 # error | warning | info | never
//! include = ["drafts/**"]             # globs, relative to this file's directory
//! exclude = ["drafts/archive/**"]
//! rules-dirs = ["newsroom-rules"]     # extra lexicons, gazetteer rows and rule files
//!
//! [rules]                             # per rule: "off", "on", or a severity
//! CC103 = "warning"
//! CC105 = "off"
//! ```
//!
//! Unknown keys, unknown rule ids, bad globs and missing directories are errors with
//! `file:line:column`. Command-line options win over the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{RuleError, line_col};
use crate::findings::Severity;
use crate::rules::{RuleSet, find_pos, parse_toml};

/// The file name looked for in each directory, from the draft's own up to the root.
pub const FILE_NAME: &str = "crosscheck.toml";

/// The lowest severity that fails a run, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn level(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// One `crosscheck.toml` as written.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub rules_dirs: Vec<String>,
    /// Rule id → "off", "on", "error", "warning" or "info".
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
}

/// What a rule setting means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On,
    Severity(Severity),
}

fn rule_setting(s: &str) -> Option<RuleSetting> {
    match s {
        "off" => Some(RuleSetting::Off),
        "on" => Some(RuleSetting::On),
        _ => s.parse().ok().map(RuleSetting::Severity),
    }
}

/// A loaded configuration: the file (if any), its directory, and compiled globs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it came from, or `None` for the defaults.
    pub path: Option<PathBuf>,
    /// Globs and rule directories are relative to this directory.
    pub dir: PathBuf,
    pub file: ConfigFile,
    text: String,
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl Config {
    /// No file: every default.
    pub fn defaults(dir: PathBuf) -> Config {
        Config {
            path: None,
            dir,
            file: ConfigFile::default(),
            text: String::new(),
            include: None,
            exclude: None,
        }
    }

    /// Read and check one file (syntax, unknown keys, globs, languages, directories).
    pub fn load(path: &Path) -> Result<Config, RuleError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RuleError::Syntax {
            file: display.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// Check a configuration text that lives at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, RuleError> {
        let display = path.display().to_string();
        let file: ConfigFile = parse_toml(&display, text)?;
        let dir = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p.to_path_buf()
                }
            })
            .unwrap_or_else(|| PathBuf::from("."));
        let err_at = |needle: &str, message: String| {
            let (line, column) = value_pos(text, needle);
            RuleError::Syntax {
                file: display.clone(),
                line,
                column,
                message,
            }
        };
        let globs = |list: &[String]| -> Result<Option<globset::GlobSet>, RuleError> {
            if list.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for g in list {
                let glob = globset::GlobBuilder::new(g)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| err_at(g, format!("bad glob {g:?}: {}", e.kind())))?;
                b.add(glob);
            }
            b.build()
                .map(Some)
                .map_err(|e| err_at("include", format!("bad globs: {e}")))
        };
        let include = globs(&file.include)?;
        let exclude = globs(&file.exclude)?;
        for d in &file.rules_dirs {
            if !dir.join(d).is_dir() {
                return Err(err_at(
                    d,
                    format!(
                        "rules directory {d:?} does not exist (relative to {})",
                        dir.display()
                    ),
                ));
            }
        }
        for (id, v) in &file.rules {
            if rule_setting(v).is_none() {
                let (line, column) = find_pos(text, id);
                return Err(RuleError::Syntax {
                    file: display.clone(),
                    line,
                    column,
                    message: format!(
                        "rule {id}: unknown setting {v:?} (expected \"off\", \"on\", \"error\", \"warning\" or \"info\")"
                    ),
                });
            }
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            dir,
            file,
            text: text.to_string(),
            include,
            exclude,
        })
    }

    /// The extra rule directories, resolved against the file's directory.
    pub fn rules_dirs(&self) -> Vec<PathBuf> {
        self.file
            .rules_dirs
            .iter()
            .map(|d| self.dir.join(d))
            .collect()
    }

    /// Apply `[rules]` to a loaded rule set: drop the rules turned off, set severities.
    /// Unknown ids and languages are errors at their position in the file.
    pub fn apply(&self, rules: &mut RuleSet, meta_ids: &[&str]) -> Result<(), RuleError> {
        let display = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if let Some(l) = &self.file.default_lang
            && !rules.languages.codes().any(|x| x == l.as_str())
        {
            let (line, column) = find_pos(&self.text, "default-lang");
            let known: Vec<&str> = rules.languages.codes().collect();
            return Err(RuleError::Syntax {
                file: display,
                line,
                column,
                message: format!("unknown language {l:?} (known: {})", known.join(", ")),
            });
        }
        for (id, v) in &self.file.rules {
            let known = rules.rules.iter().any(|r| r.id == *id) || meta_ids.contains(&id.as_str());
            if !known {
                let (line, column) = find_pos(&self.text, id);
                let mut ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
                ids.extend(meta_ids);
                ids.sort();
                return Err(RuleError::Syntax {
                    file: display,
                    line,
                    column,
                    message: format!("unknown rule {id:?} (known: {})", ids.join(", ")),
                });
            }
            match rule_setting(v) {
                Some(RuleSetting::Off) => rules.rules.retain(|r| r.id != *id),
                Some(RuleSetting::Severity(s)) => {
                    for r in rules.rules.iter_mut().filter(|r| r.id == *id) {
                        r.severity = s;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The setting of a rule that is not a rule file (such as CC001).
    pub fn meta_setting(&self, id: &str) -> Option<RuleSetting> {
        self.file.rules.get(id).and_then(|v| rule_setting(v))
    }

    /// Does include/exclude let this draft through? `abs` is the draft's absolute path.
    pub fn admits(&self, abs: &Path) -> bool {
        let dir = absolute(&self.dir);
        let Ok(rel) = abs.strip_prefix(&dir) else {
            return true; // outside the configured tree: globs do not speak about it
        };
        if let Some(ex) = &self.exclude
            && ex.is_match(rel)
        {
            return false;
        }
        match &self.include {
            Some(inc) => inc.is_match(rel),
            None => true,
        }
    }

    /// The effective configuration as TOML, for `crosscheck config --show`.
    pub fn show(&self, rules: &RuleSet, meta: &[(&str, Severity)]) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Shown<'a> {
            default_lang: &'a str,
            fail_on: FailOn,
            include: &'a [String],
            exclude: &'a [String],
            rules_dirs: Vec<String>,
            rules: BTreeMap<String, String>,
        }
        let mut effective = BTreeMap::new();
        for (id, sev) in meta {
            let v = match self.meta_setting(id) {
                Some(RuleSetting::Off) => "off".to_string(),
                Some(RuleSetting::Severity(s)) => s.as_str().to_string(),
                _ => sev.as_str().to_string(),
            };
            effective.insert(id.to_string(), v);
        }
        for r in &rules.rules {
            effective.insert(r.id.clone(), r.severity.as_str().to_string());
        }
        for (id, v) in &self.file.rules {
            if v == "off" {
                effective.insert(id.clone(), "off".into());
            }
        }
        let shown = Shown {
            default_lang: self.file.default_lang.as_deref().unwrap_or("en"),
            fail_on: self.file.fail_on.unwrap_or(FailOn::Warning),
            include: &self.file.include,
            exclude: &self.file.exclude,
            rules_dirs: self
                .rules_dirs()
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            rules: effective,
        };
        let source = match &self.path {
            Some(p) => format!("# from {}\n", p.display()),
            None => format!(
                "# no {FILE_NAME} found from {} up: defaults\n",
                self.dir.display()
            ),
        };
        format!(
            "{source}{}",
            toml::to_string(&shown).unwrap_or_else(|e| format!("# cannot print: {e}\n"))
        )
    }
}

/// Line and column of a quoted value (`"drafts/**"`) or a key in a TOML text.
fn value_pos(text: &str, needle: &str) -> (usize, usize) {
    for q in [format!("\"{needle}\""), format!("'{needle}'")] {
        if let Some(i) = text.find(&q) {
            return line_col(text, i);
        }
    }
    find_pos(text, needle)
}

/// An absolute, lexically cleaned path (no file-system access beyond the current directory).
pub fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Finds the configuration of each draft, reading each file once.
#[derive(Default)]
pub struct Finder {
    by_dir: BTreeMap<PathBuf, Option<PathBuf>>,
}

impl Finder {
    /// The `crosscheck.toml` nearest to `dir` (itself or an ancestor), if any.
    pub fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = absolute(dir);
        if let Some(hit) = self.by_dir.get(&dir) {
            return hit.clone();
        }
        let candidate = dir.join(FILE_NAME);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            match dir.parent() {
                Some(parent) => self.find(parent),
                None => None,
            }
        };
        self.by_dir.insert(dir, found.clone());
        found
    }

    /// The configuration file for a draft path (`-` looks from the current directory).
    pub fn for_draft(&mut self, draft: &str) -> Option<PathBuf> {
        let p = Path::new(draft);
        let dir = if draft == "-" {
            PathBuf::from(".")
        } else {
            match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
        self.find(&dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_has_its_position() {
        let e = Config::parse(
            Path::new("x/crosscheck.toml"),
            "fail-on = \"error\"\n\nfial-on = 1\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("x/crosscheck.toml:3:1:"), "{e}");
        assert!(e.contains("unknown field `fial-on`"), "{e}");
    }

    #[test]
    fn bad_rule_setting_and_glob() {
        let e = Config::parse(Path::new("c.toml"), "[rules]\nCC101 = \"loud\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.toml:2:1:") && e.contains("loud"), "{e}");
        let e = Config::parse(Path::new("c.toml"), "exclude = [\"a/[b\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("c.toml:1:12:") && e.contains("bad glob"),
            "{e}"
        );
    }

    #[test]
    fn globs_are_relative_to_the_file() {
        let c = Config::parse(
            Path::new("/news/crosscheck.toml"),
            "include = [\"drafts/**\"]\nexclude = [\"drafts/old/**\"]\n",
        )
        .unwrap();
        assert!(c.admits(Path::new("/news/drafts/a.md")));
        assert!(c.admits(Path::new("/news/drafts/x/a.md")));
        assert!(!c.admits(Path::new("/news/drafts/old/a.md")));
        assert!(!c.admits(Path::new("/news/other/a.md")));
        assert!(c.admits(Path::new("/elsewhere/a.md")));
    }
}
