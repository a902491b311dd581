//! Errors in data files: every one names the file, the 1-based line and column, and what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: PathBuf,
    /// 1-based line; 0 when the problem is the file as a whole (missing, unreadable).
    pub line: usize,
    /// 1-based column; 0 when the problem is the file as a whole.
    pub col: usize,
    pub message: String,
}

/// Longest message shown, in characters: a message quoting the input is cut there.
const MAX_MESSAGE: usize = 600;

/// A message as it may be shown on one line: control characters (newlines among them) escaped, so
/// text quoted from a file cannot start a line of its own, and cut at [`MAX_MESSAGE`] characters.
pub fn one_line(message: &str) -> String {
    let mut out = String::new();
    for (i, c) in message.chars().enumerate() {
        if i == MAX_MESSAGE {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = one_line(&self.file.display().to_string());
        let message = one_line(&self.message);
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}:{}: {message}", self.line, self.col)
        }
    }
}

impl std::error::Error for DataError {}

/// All problems found while loading a set of files, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataErrors(pub Vec<DataError>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataErrors {}

impl From<DataError> for DataErrors {
    fn from(e: DataError) -> Self {
        DataErrors(vec![e])
    }
}

/// The text of one data file, kept to turn byte offsets and searched tokens into line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
}

impl SourceText {
    /// Reads a file; a missing or unreadable file is an error naming it. Only a regular file is read
    /// (after following links: not a device, a pipe or a folder), of at most
    /// [`crate::fsio::MAX_FILE_BYTES`], in UTF-8 (an invalid byte is an error at its place).
    pub fn read(path: &Path) -> Result<Self, DataError> {
        let whole = |message: String| DataError {
            file: path.to_path_buf(),
            line: 0,
            col: 0,
            message,
        };
        let bytes =
            crate::fsio::read_bounded(path).map_err(|e| whole(format!("cannot read file: {e}")))?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceText {
                path: path.to_path_buf(),
                text,
            }),
            Err(e) => {
                let good = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let text = String::from_utf8_lossy(&bytes[..good]).into_owned();
                let src = SourceText {
                    path: path.to_path_buf(),
                    text,
                };
                Err(src.error_at_offset(good, "the file is not UTF-8 text: an invalid byte here"))
            }
        }
    }

    /// Parses the whole file as RON into `T`; syntax and type errors keep RON's own position.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, DataError> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str::<T>(&self.text)
            .map_err(|e| DataError {
                file: self.path.clone(),
                line: e.span.start.line.max(1),
                col: e.span.start.col.max(1),
                message: describe_ron_error(&e.code),
            })
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// Finds `needles` one after another (each searched after the previous one, outside comments)
    /// and returns the byte offset of the last; `None` when one is missing.
    pub fn find_path(&self, needles: &[&str]) -> Option<usize> {
        let mut from = 0;
        let mut at = None;
        for needle in needles {
            let found = self.find_outside_comments(needle, from)?;
            at = Some(found);
            from = found + needle.len();
        }
        at
    }

    /// Offset of `needle` at or after `from`, skipping `//` comments.
    pub fn find_outside_comments(&self, needle: &str, from: usize) -> Option<usize> {
        let mut start = from;
        while let Some(rel) = self.text.get(start..)?.find(needle) {
            let at = start + rel;
            let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
            if !self.text[line_start..at].contains("//") {
                return Some(at);
            }
            start = at + needle.len();
        }
        None
    }

    /// Offset of `needle` at or after `from` (outside comments), or `from` if absent.
    pub fn find_from(&self, from: usize, needle: &str) -> usize {
        self.find_outside_comments(needle, from).unwrap_or(from)
    }

    /// An error at a byte offset.
    pub fn error_at_offset(&self, offset: usize, message: impl Into<String>) -> DataError {
        let (line, col) = self.position(offset);
        DataError {
            file: self.path.clone(),
            line,
            col,
            message: message.into(),
        }
    }

    /// An error at the place found by `find_path(needles)`; where the path is found only in part,
    /// at its deepest part found (the file's start only when none is).
    pub fn error_at(&self, needles: &[&str], message: impl Into<String>) -> DataError {
        let at = (1..=needles.len())
            .rev()
            .find_map(|k| self.find_path(&needles[..k]));
        let (line, col) = at.map_or((1, 1), |o| self.position(o));
        DataError {
            file: self.path.clone(),
            line,
            col,
            message: message.into(),
        }
    }
}

/// RON's error texts, reworded where they would puzzle a modder.
fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}; expected one of: {}{}",
            outer
                .as_ref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default(),
            expected.join(", "),
            did_you_mean(found, expected.iter().copied())
        ),
        ron::Error::MissingStructField { field, outer } => format!(
            "missing field `{field}`{}",
            outer
                .as_ref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default()
        ),
        ron::Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{found}`{}; expected one of: {}{}",
            outer
                .as_ref()
                .map(|o| format!(" for `{o}`"))
                .unwrap_or_default(),
            expected.join(", "),
            did_you_mean(found, expected.iter().copied())
        ),
        ron::Error::IntegerOutOfBounds => "a whole number out of range for this field: counts \
            (men, pieces, points, turns, hexes) are whole numbers from 0 to 4294967295 at most, \
            levels and percentages (experience, cohesion, entrenchment) from 0 to 255 at most, and \
            each field's own range is checked after that"
            .to_string(),
        other => other.to_string(),
    }
}

/// A number for a message: as written for ordinary sizes, in exponent form (`1e300`) for very
/// large or very small ones, so a crafted value cannot make a message long.
pub fn show_number(v: f64) -> String {
    let a = v.abs();
    if v.is_finite() && a != 0.0 && !(1e-4..1e7).contains(&a) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// `; did you mean `…`?` with the known names nearest to `found` (at most three, nearest first):
/// those within a third of its length in edits (letter case aside), else those that begin with
/// it or share its first word; nothing when none is near.
pub fn did_you_mean<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let limit = (found.chars().count() / 3).max(1);
    let lower = found.to_lowercase();
    let first_word = |s: &str| s.split(['_', ' ', '-']).next().unwrap_or("").to_lowercase();
    let word = first_word(found);
    let known: Vec<&str> = known.into_iter().filter(|k| *k != found).collect();
    let mut near: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), *k))
        .filter(|&(d, _)| d <= limit)
        .collect();
    if near.is_empty() && found.chars().count() >= 3 {
        near = known
            .iter()
            .filter(|k| {
                let kl = k.to_lowercase();
                kl.starts_with(&lower) || (word.len() >= 3 && first_word(k) == word)
            })
            .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), *k))
            .collect();
    }
    near.sort();
    near.dedup_by(|a, b| a.1 == b.1);
    if near.is_empty() {
        return String::new();
    }
    format!(
        "; did you mean {}?",
        near.iter()
            .take(3)
            .map(|(_, k)| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    )
}
