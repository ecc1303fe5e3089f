//! Error types, one enum per module boundary. Findings are never errors.

use std::path::PathBuf;

/// Errors while reading a draft.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8 (invalid byte at offset {offset})")]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}: looks like UTF-16 text ({bom}); convert it to UTF-8")]
    Utf16 { path: String, bom: &'static str },
    #[error(
        "{path}: binary file (NUL byte at offset {offset}); crosscheck reads UTF-8 text and Markdown"
    )]
    Binary { path: String, offset: usize },
    #[error(
        "{path}: file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: empty draft (no text to check)")]
    Empty { path: String },
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: directory contains no drafts (.md, .markdown, .txt)")]
    NoDrafts { path: String },
    #[error("{path}: changed while it was being read, several times; check it once it is saved")]
    Changed { path: String },
    #[error("{}: path is not valid UTF-8", path.display())]
    NonUtf8Path { path: PathBuf },
}

/// Errors in rule, lexicon, gazetteer or config files. Always carry file:line:column.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}:{line}:{column}: rule {id}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        id: String,
        message: String,
    },
}

/// Any error the library reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Rule(#[from] RuleError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot write output: {0}")]
    Output(#[source] std::io::Error),
}

/// Line and 1-based column of a byte offset in a text (used for errors in data files).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut off = offset;
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..off].chars().count() + 1;
    (line, column)
}
