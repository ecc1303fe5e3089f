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

/// What identifies a file whatever name it is reached by: its device and inode on Unix, its
/// canonical path elsewhere.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileKey {
    fn of(path: &Path, meta: &std::fs::Metadata) -> FileKey {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FileKey::Inode(meta.dev(), meta.ino())
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileKey::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
        }
    }

    /// The key of the file at `path`, if there is one.
    fn at(path: &Path) -> Option<FileKey> {
        std::fs::metadata(path).ok().map(|m| FileKey::of(path, &m))
    }
}

/// A file that may also be reached by another name: a hard link, a file reached through a
/// symlink (or not on Unix, where there is no cheap way to tell).
fn may_have_other_names(meta: &std::fs::Metadata, through_link: bool) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        through_link || meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, through_link);
        true
    }
}

/// One draft a walk meets.
struct Met {
    name: String,
    key: FileKey,
    /// It may be met again under another name (see [`may_have_other_names`]).
    other_names: bool,
}

/// A directory entry the walk will visit.
struct Entry {
    /// Its name in the order the walk visits entries: a directory's name ends with `/`, so
    /// that visiting entries in this order gives the drafts in the order of their paths as
    /// strings (`a-b.md` before `a/x.md`, as `-` sorts before `/`).
    order: String,
    path: PathBuf,
    meta: std::fs::Metadata,
    through_link: bool,
}

/// A depth-first walk of one directory that meets its drafts in the order of their paths as
/// strings. It holds the entries of the directories on the way down, never the whole tree.
struct DirWalk {
    /// Entries still to visit, one list per level, each reversed (next entry last).
    stack: Vec<Vec<Entry>>,
    /// Canonical directories already walked: a symlink loop, or a second link to a directory,
    /// is walked once.
    seen: BTreeSet<PathBuf>,
    /// The directory itself could not be read (it was there when the inputs were checked).
    failed: Option<SourceError>,
}

fn io_error(path: &Path, e: std::io::Error) -> SourceError {
    SourceError::Io {
        path: path_string(path).unwrap_or_default(),
        source: e,
    }
}

impl DirWalk {
    fn new(root: &Path) -> DirWalk {
        let mut walk = DirWalk {
            stack: Vec::new(),
            seen: BTreeSet::new(),
            failed: None,
        };
        match std::fs::metadata(root) {
            Ok(meta) => walk.stack.push(vec![Entry {
                order: String::new(),
                path: root.to_path_buf(),
                meta,
                through_link: false,
            }]),
            Err(e) => walk.failed = Some(io_error(root, e)),
        }
        walk
    }

    /// Push the entries of directory `dir` (unless it was walked already).
    fn enter(&mut self, dir: &Path, through_link: bool) -> Result<(), SourceError> {
        let canonical = std::fs::canonicalize(dir).map_err(|e| io_error(dir, e))?;
        if !self.seen.insert(canonical) {
            return Ok(()); // a symlink loop, or a directory already walked by another name
        }
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
            let entry = entry.map_err(|e| io_error(dir, e))?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            // `*.crosscheck.md` are crosscheck's own reports (see `crosscheck report`)
            if name.starts_with('.')
                || name == "target"
                || name == "node_modules"
                || name.ends_with(".crosscheck.md")
            {
                continue;
            }
            let Ok(meta) = std::fs::metadata(&path) else {
                continue; // dangling symlink
            };
            if !(meta.is_dir() || meta.is_file() && is_draft(&path)) {
                continue;
            }
            let mut order = name.replace('\\', "/");
            if meta.is_dir() {
                order.push('/');
            }
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            entries.push(Entry {
                order,
                path,
                meta,
                through_link: through_link || link,
            });
        }
        entries.sort_unstable_by(|a, b| b.order.cmp(&a.order));
        self.stack.push(entries);
        Ok(())
    }
}

impl Iterator for DirWalk {
    type Item = Result<Met, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.failed.take() {
            return Some(Err(e));
        }
        loop {
            let top = self.stack.last_mut()?;
            let Some(e) = top.pop() else {
                self.stack.pop();
                continue;
            };
            if e.meta.is_dir() {
                if let Err(err) = self.enter(&e.path, e.through_link) {
                    return Some(Err(err));
                }
                continue;
            }
            return Some(path_string(&e.path).map(|name| Met {
                key: FileKey::of(&e.path, &e.meta),
                other_names: may_have_other_names(&e.meta, e.through_link),
                name,
            }));
        }
    }
}

/// The drafts of the command-line inputs, in the order of their paths, each file once. `-`
/// stands for stdin. Directories are walked recursively (hidden entries, `target`,
/// `node_modules` and crosscheck's own reports skipped) and are walked again each time the
/// drafts are listed ([`Drafts::iter`]), so an archive of any number of drafts is listed
/// without holding the list.
///
/// One draft given twice (as `a.md` and `./a.md`, through a symlink, as a hard link, or by
/// itself and inside a directory) is checked once, under the smallest of its names, so the
/// output does not depend on the order of the arguments. Only files that can have another name
/// are remembered for that: the inputs named one by one, hard links, files reached through a
/// symlink, and every file when two input directories overlap.
pub struct Drafts {
    /// The input directories, as given.
    dirs: Vec<PathBuf>,
    /// The inputs named one by one (and `-`), sorted, each name once.
    files: Vec<(String, Option<FileKey>)>,
    /// The smallest name of each file that may have more than one.
    names: BTreeMap<FileKey, String>,
}

impl Drafts {
    /// Check the inputs (every one exists, every directory holds a draft and can be read) and
    /// find the files that have more than one name. Every error comes before any draft is read.
    pub fn new(inputs: &[PathBuf]) -> Result<Drafts, SourceError> {
        let mut dirs = Vec::new();
        let mut files = Vec::new();
        let mut may_repeat = BTreeSet::new();
        for input in inputs {
            if input.as_os_str() == "-" {
                files.push(("-".to_string(), None));
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
                let mut any = false;
                for met in DirWalk::new(input) {
                    let met = met?;
                    any = true;
                    if met.other_names {
                        may_repeat.insert(met.key);
                    }
                }
                if !any {
                    return Err(SourceError::NoDrafts { path: display });
                }
                dirs.push(input.clone());
            } else {
                let key = FileKey::of(input, &meta);
                may_repeat.insert(key.clone());
                files.push((display, Some(key)));
            }
        }
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        // two input directories that overlap (one inside the other, or the same by two
        // names) meet every file of the inner one twice
        // (sorted, a directory comes before those inside it)
        let mut canonical: Vec<PathBuf> = dirs
            .iter()
            .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.clone()))
            .collect();
        canonical.sort();
        let overlap = canonical.windows(2).any(|w| w[1].starts_with(&w[0]));
        let named = files.iter().filter(|(_, key)| key.is_some()).count();
        let mut drafts = Drafts {
            dirs,
            files,
            names: BTreeMap::new(),
        };
        // a file named one by one may also be in a directory, or named twice
        let named_twice = named > 1 || named == 1 && !drafts.dirs.is_empty();
        if overlap || named_twice || may_repeat.len() > named {
            let mut names = BTreeMap::new();
            for met in drafts.met() {
                let met = met?;
                if overlap || may_repeat.contains(&met.key) {
                    let slot = names.entry(met.key).or_insert_with(|| met.name.clone());
                    if met.name < *slot {
                        *slot = met.name;
                    }
                }
            }
            drafts.names = names;
        }
        Ok(drafts)
    }

    /// Every draft met, in path order, repeats included.
    fn met(&self) -> Merge {
        let mut walks: Vec<Box<dyn Iterator<Item = Result<Met, SourceError>>>> = self
            .dirs
            .iter()
            .map(|d| Box::new(DirWalk::new(d)) as Box<dyn Iterator<Item = _>>)
            .collect();
        let files: Vec<Result<Met, SourceError>> = self
            .files
            .iter()
            .map(|(name, key)| {
                Ok(Met {
                    name: name.clone(),
                    // `-` is no file: a key no file has
                    key: key.clone().unwrap_or(FileKey::Path(PathBuf::new())),
                    other_names: true,
                })
            })
            .collect();
        walks.push(Box::new(files.into_iter()));
        Merge::new(walks)
    }

    /// The drafts, in the order of their paths (as strings), each file once under its
    /// smallest name. The directories are walked again: a walk error (a directory removed
    /// since [`Drafts::new`]) comes as an item.
    pub fn iter(&self) -> impl Iterator<Item = Result<String, SourceError>> + '_ {
        let mut last: Option<String> = None;
        self.met().filter_map(move |met| {
            let met = match met {
                Ok(m) => m,
                Err(e) => return Some(Err(e)),
            };
            if last.as_deref() == Some(met.name.as_str()) {
                return None; // the same name twice (a file given twice, one directory twice)
            }
            if let Some(smallest) = self.names.get(&met.key)
                && *smallest != met.name
                && met.name != "-"
            {
                return None; // a file also reached by a smaller name
            }
            last = Some(met.name.clone());
            Some(Ok(met.name))
        })
    }
}

/// Several walks merged in path order.
struct Merge {
    walks: Vec<Box<dyn Iterator<Item = Result<Met, SourceError>>>>,
    /// The next draft of each walk, smallest name on top.
    heads: std::collections::BinaryHeap<std::cmp::Reverse<(String, usize)>>,
    /// The rest of each head, by walk.
    held: Vec<Option<Met>>,
    errors: Vec<SourceError>,
}

impl Merge {
    fn new(walks: Vec<Box<dyn Iterator<Item = Result<Met, SourceError>>>>) -> Merge {
        let mut m = Merge {
            held: (0..walks.len()).map(|_| None).collect(),
            walks,
            heads: std::collections::BinaryHeap::new(),
            errors: Vec::new(),
        };
        for i in 0..m.walks.len() {
            m.advance(i);
        }
        m
    }

    fn advance(&mut self, i: usize) {
        match self.walks[i].next() {
            Some(Ok(met)) => {
                self.heads.push(std::cmp::Reverse((met.name.clone(), i)));
                self.held[i] = Some(met);
            }
            Some(Err(e)) => {
                self.errors.push(e);
                self.advance(i);
            }
            None => {}
        }
    }
}

impl Iterator for Merge {
    type Item = Result<Met, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.errors.pop() {
            return Some(Err(e));
        }
        let std::cmp::Reverse((_, i)) = self.heads.pop()?;
        let met = self.held[i].take()?;
        self.advance(i);
        Some(Ok(met))
    }
}

/// Expand the command-line inputs into the sorted list of draft paths (see [`Drafts`]).
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<String>, SourceError> {
    Drafts::new(inputs)?.iter().collect()
}

/// The draft among `drafts` that `target` is (the same file), if any: a file crosscheck is
/// about to write must never be one of the drafts it reads.
pub fn draft_at<S: AsRef<str>>(target: &Path, drafts: impl IntoIterator<Item = S>) -> Option<S> {
    let t = FileKey::at(target)?;
    drafts
        .into_iter()
        .filter(|d| d.as_ref() != "-")
        .find(|d| FileKey::at(Path::new(d.as_ref())).is_some_and(|k| k == t))
}

/// The drafts by file, to ask of many targets which draft each is ([`draft_at`] for many).
pub struct DraftFiles(BTreeMap<FileKey, String>);

impl DraftFiles {
    pub fn new<'d>(drafts: impl IntoIterator<Item = &'d str>) -> DraftFiles {
        DraftFiles(
            drafts
                .into_iter()
                .filter(|d| *d != "-")
                .filter_map(|d| Some((FileKey::at(Path::new(d))?, d.to_string())))
                .collect(),
        )
    }

    /// The draft that `target` is, if any.
    pub fn at(&self, target: &Path) -> Option<&str> {
        self.0.get(&FileKey::at(target)?).map(String::as_str)
    }
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
