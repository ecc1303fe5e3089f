//! Findings: what a check reports. A finding is data, never an error.

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// One step lower (used when a finding rests on a guess).
    pub fn lower(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity {s:?} (expected error, warning or info)"
            )),
        }
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Contradiction,
    Entity,
    Sourcing,
    /// About the draft's own `crosscheck-…` comments (an unused suppression).
    Directive,
}

/// A labelled byte range in a draft.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub primary: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Finding {
    pub rule: String,
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub reasoning: Vec<String>,
    /// The primary label first.
    pub labels: Vec<Label>,
    /// Claims the finding is about (ids), for the graph.
    #[serde(skip)]
    pub claims: Vec<usize>,
}

impl Finding {
    pub fn primary(&self) -> &Label {
        self.labels
            .iter()
            .find(|l| l.primary)
            .unwrap_or(&self.labels[0])
    }

    /// The order findings are reported in: by primary position, then rule.
    pub fn sort_key(&self) -> (usize, usize, String, usize) {
        let p = self.primary();
        let other = self
            .labels
            .iter()
            .find(|l| !l.primary)
            .map(|l| l.start)
            .unwrap_or(0);
        (p.start, p.end, self.rule.clone(), other)
    }
}
