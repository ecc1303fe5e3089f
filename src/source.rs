//! Reading drafts: files, directories and stdin, into [`Source`]s with a line index.
//!
//! Every position inside crosscheck is a byte offset into the original file. A UTF-8 byte-order
//! mark is kept in the text (it is masked as white space later), so offsets never shift.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::SourceError;

/// The default largest draft crosscheck reads (bytes).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Kind of markup, from the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    Markdown,
    Plain,
}

/// One draft in memory.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path as given (or `-` for stdin), with `/` separators.
    pub path: String,
    pub text: String,
    pub markup: Markup,
    pub lines: LineIndex,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>, markup: Markup) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Source {
            path: path.into(),
            text,
            markup,
            lines,
        }
    }

    /// Build a source from raw bytes, checking encoding.
    pub fn from_bytes(path: &str, bytes: Vec<u8>, markup: Markup) -> Result<Self, SourceError> {
        let text = decode(path, bytes)?;
        Ok(Source::new(path, text, markup))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }
}

/// Check that bytes are UTF-8 text and not binary or UTF-16.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, SourceError> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(SourceError::Utf16 {
            path: path.to_string(),
            bom: "FF FE",
        });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceError::Utf16 {
            path: path.to_string(),
            bom: "FE FF",
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| SourceError::InvalidUtf8 {
        path: path.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Byte offsets of line starts, and character counts at regular byte offsets so a column on
/// a very long line costs a bounded count, not the length of the line.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset on a character boundary, characters before it), every ~`CHECKPOINT` bytes.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        while at + CHECKPOINT < text.len() {
            let mut next = at + CHECKPOINT;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text[at..next].chars().count();
            at = next;
            checkpoints.push((at, chars));
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = self
            .checkpoints
            .partition_point(|&(b, _)| b <= offset)
            .saturating_sub(1);
        let (b, n) = self.checkpoints.get(k).copied().unwrap_or((0, 0));
        n + text[b..offset].chars().count()
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// 1-based line and 1-based column counted in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = if offset - start <= CHECKPOINT {
            text[start..offset].chars().count()
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line + 1, col + 1)
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// Markup kind of a path from its extension (`.md`/`.markdown` are Markdown, the rest plain).
pub fn markup_of(path: &str) -> Markup {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Markup::Markdown
    } else {
        Markup::Plain
    }
}

fn is_draft(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "markdown" | "txt")
    )
}

fn path_string(path: &Path) -> Result<String, SourceError> {
    path.to_str()
        .map(|s| s.replace('\\', "/"))
        .ok_or_else(|| SourceError::NonUtf8Path {
            path: path.to_path_buf(),
        })
}

/// Expand the command-line inputs into a sorted, de-duplicated list of draft paths.
/// `-` stands for stdin and is kept as is. Directories are walked recursively; symlink loops
/// are detected through canonical paths.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<String>, SourceError> {
    let mut out = BTreeSet::new();
    let mut stdin = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        let display = path_string(input)?;
        let meta = std::fs::metadata(input).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SourceError::NotFound {
                path: display.clone(),
            },
            _ => SourceError::Io {
                path: display.clone(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let mut seen = BTreeSet::new();
            walk(input, &mut found, &mut seen)?;
            if found.is_empty() {
                return Err(SourceError::NoDrafts { path: display });
            }
            out.extend(found);
        } else {
            out.insert(display);
        }
    }
    let mut v: Vec<String> = out.into_iter().collect();
    if stdin {
        v.push("-".to_string());
    }
    Ok(v)
}

fn walk(
    dir: &Path,
    out: &mut Vec<String>,
    seen: &mut BTreeSet<PathBuf>,
) -> Result<(), SourceError> {
    let canonical = std::fs::canonicalize(dir).map_err(|e| SourceError::Io {
        path: path_string(dir).unwrap_or_default(),
        source: e,
    })?;
    if !seen.insert(canonical) {
        return Ok(()); // a symlink loop: this directory is already being walked
    }
    let entries = std::fs::read_dir(dir).map_err(|e| SourceError::Io {
        path: path_string(dir).unwrap_or_default(),
        source: e,
    })?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| SourceError::Io {
            path: path_string(dir).unwrap_or_default(),
            source: e,
        })?;
        paths.push(entry.path());
    }
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // `*.crosscheck.md` are crosscheck's own reports (see `crosscheck report`), not drafts.
        if name.starts_with('.')
            || name == "target"
            || name == "node_modules"
            || name.ends_with(".crosscheck.md")
        {
            continue;
        }
        let Ok(meta) = std::fs::metadata(&p) else {
            continue; // dangling symlink
        };
        if meta.is_dir() {
            walk(&p, out, seen)?;
        } else if meta.is_file() && is_draft(&p) {
            out.push(path_string(&p)?);
        }
    }
    Ok(())
}

/// Read one draft (a path, or `-` for stdin) with a size limit.
pub fn read(path: &str, max_size: u64) -> Result<Source, SourceError> {
    let io = |e: std::io::Error| SourceError::Io {
        path: path.to_string(),
        source: e,
    };
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(max_size + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SourceError::NotFound {
                path: path.to_string(),
            },
            _ => io(e),
        })?;
        let size = file.metadata().map_err(io)?.len();
        if size > max_size {
            return Err(SourceError::TooLarge {
                path: path.to_string(),
                size,
                limit: max_size,
            });
        }
        file.take(max_size + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() as u64 > max_size {
        return Err(SourceError::TooLarge {
            path: path.to_string(),
            size: bytes.len() as u64,
            limit: max_size,
        });
    }
    let markup = markup_of(path);
    Source::from_bytes(path, bytes, markup)
}
