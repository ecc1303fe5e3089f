//! Reading drafts: files, directories and stdin, into [`Source`]s with a line index.
//!
//! Every position inside crosscheck is a byte offset into the original file. A UTF-8 byte-order
//! mark is kept in the text (it is masked as white space later), so offsets never shift.

use std::collections::{BTreeMap, BTreeSet};
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
            bom: "byte-order mark FF FE",
        });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceError::Utf16 {
            path: path.to_string(),
            bom: "byte-order mark FE FF",
        });
    }
    if let Some(how) = utf16_without_bom(&bytes) {
        return Err(SourceError::Utf16 {
            path: path.to_string(),
            bom: how,
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

/// UTF-16 text without a byte-order mark: in most of the first code units one byte is NUL and
/// the other is not, always on the same side (Latin text).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let units: Vec<&[u8]> = bytes[..bytes.len().min(1024) & !1].chunks(2).collect();
    if units.len() < 2 {
        return None;
    }
    let high_nul = units.iter().filter(|u| u[1] == 0 && u[0] != 0).count();
    let low_nul = units.iter().filter(|u| u[0] == 0 && u[1] != 0).count();
    if high_nul * 10 >= units.len() * 8 {
        Some("little-endian, without a byte-order mark")
    } else if low_nul * 10 >= units.len() * 8 {
        Some("big-endian, without a byte-order mark")
    } else {
        None
    }
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

/// What identifies a file whatever name it is reached by: its device and inode on Unix (one
/// `stat`, sixteen bytes: an archive of many drafts keeps one per draft while the inputs are
/// expanded), its canonical path elsewhere.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

fn file_key(display: &str) -> FileKey {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(display) {
            return FileKey::Inode(m.dev(), m.ino());
        }
    }
    FileKey::Path(std::fs::canonicalize(display).unwrap_or_else(|_| PathBuf::from(display)))
}

/// Expand the command-line inputs into a sorted, de-duplicated list of draft paths.
/// `-` stands for stdin and is kept as is. Directories are walked recursively; symlink loops
/// are detected through canonical paths.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<String>, SourceError> {
    // one draft given twice (as `a.md` and `./a.md`, through a symlink, or by itself and
    // inside a directory) is checked once, under the smallest of its names, so the output does
    // not depend on the order of the arguments
    let mut by_file: BTreeMap<FileKey, String> = BTreeMap::new();
    let mut add = |display: String| {
        let key = file_key(&display);
        let slot = by_file.entry(key).or_insert_with(|| display.clone());
        if display < *slot {
            *slot = display;
        }
    };
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
            found.into_iter().for_each(&mut add);
        } else {
            add(display);
        }
    }
    let mut v: Vec<String> = by_file.into_values().collect();
    v.sort();
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

/// The draft among `drafts` that `target` is (the same file, by canonical path), if any: a
/// file crosscheck is about to write must never be one of the drafts it reads.
pub fn draft_at<'d>(target: &Path, drafts: impl IntoIterator<Item = &'d str>) -> Option<&'d str> {
    let t = std::fs::canonicalize(target).ok()?;
    drafts
        .into_iter()
        .filter(|d| *d != "-")
        .find(|d| std::fs::canonicalize(d).is_ok_and(|c| c == t))
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
            .take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        bytes = read_file(path, max_size)?;
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

/// How many times a draft that changes while it is read is read again.
const READ_ATTEMPTS: usize = 3;

/// Read a file whole, and make sure it did not change meanwhile: its size and modification
/// time are the same after the read, and a file modified in the last seconds (it may be in the
/// middle of being written, between two writes) reads the same twice. A draft replaced
/// atomically (a new file renamed over it, as editors save) gives its old or its new content;
/// one rewritten in place while it is read is read again, and past `READ_ATTEMPTS` is a clear
/// error, never a mix of the two.
fn read_file(path: &str, max_size: u64) -> Result<Vec<u8>, SourceError> {
    use std::io::{Seek, SeekFrom};
    let io = |e: std::io::Error| SourceError::Io {
        path: path.to_string(),
        source: e,
    };
    for attempt in 0..READ_ATTEMPTS {
        if attempt > 0 {
            std::thread::sleep(std::time::Duration::from_millis(20 << attempt));
        }
        let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SourceError::NotFound {
                path: path.to_string(),
            },
            _ => io(e),
        })?;
        let before = file.metadata().map_err(io)?;
        if before.len() > max_size {
            return Err(SourceError::TooLarge {
                path: path.to_string(),
                size: before.len(),
                limit: max_size,
            });
        }
        let limit = max_size.saturating_add(1);
        let mut bytes = Vec::with_capacity(before.len().min(limit) as usize);
        (&mut file)
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if !before.is_file() || bytes.len() as u64 > max_size {
            return Ok(bytes); // a pipe or a device: read as it comes
        }
        let after = file.metadata().map_err(io)?;
        let unchanged = after.len() == before.len()
            && bytes.len() as u64 == after.len()
            && after.modified().ok() == before.modified().ok();
        if !unchanged {
            continue;
        }
        let recent = after
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_none_or(|age| age < std::time::Duration::from_secs(2));
        if recent {
            let mut again = Vec::with_capacity(bytes.len());
            file.seek(SeekFrom::Start(0)).map_err(io)?;
            (&mut file)
                .take(limit)
                .read_to_end(&mut again)
                .map_err(io)?;
            if again != bytes {
                continue;
            }
        }
        return Ok(bytes);
    }
    Err(SourceError::Changed {
        path: path.to_string(),
    })
}
