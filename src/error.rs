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
    /// Where each part of `text` came from when mods patched it (`None`: all from `path`).
    pub origins: Option<Box<Origins>>,
}

/// The files a patched text was put together from, and which part came from where.
#[derive(Debug, Clone, PartialEq)]
pub struct Origins {
    /// The files, the patched one first, each with its text.
    pub files: Vec<(PathBuf, std::sync::Arc<str>)>,
    /// Parts of the text in order of `at`.
    pub parts: Vec<Part>,
}

/// The text from byte `at` up to the next part's `at` came from `files[file]` at `offset`: byte
/// for byte when `exact`, else (text the patch wrote around a value) all from that one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub at: usize,
    pub file: usize,
    pub offset: usize,
    pub exact: bool,
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
                origins: None,
            }),
            Err(e) => {
                let good = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let text = String::from_utf8_lossy(&bytes[..good]).into_owned();
                let src = SourceText {
                    path: path.to_path_buf(),
                    text,
                    origins: None,
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
            .map_err(|e| {
                let (line, col) = (e.span.start.line.max(1), e.span.start.col.max(1));
                let message = describe_ron_error(&e.code);
                match &self.origins {
                    None => DataError {
                        file: self.path.clone(),
                        line,
                        col,
                        message,
                    },
                    // RON places some errors before the blank that precedes the value.
                    Some(_) => {
                        let at = self.offset_of(line, col);
                        let blank = self.text[at..].len() - self.text[at..].trim_start().len();
                        self.error_at_offset(at + blank, message)
                    }
                }
            })
    }

    /// 1-based (line, column) of a byte offset of `text` (in the text itself, patched or not).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }

    /// The file, line and column a byte offset of `text` came from.
    pub fn place(&self, offset: usize) -> (PathBuf, usize, usize) {
        let Some(o) = &self.origins else {
            let (line, col) = self.position(offset);
            return (self.path.clone(), line, col);
        };
        let k = o
            .parts
            .partition_point(|p| p.at <= offset)
            .saturating_sub(1);
        let Some(p) = o.parts.get(k) else {
            return (self.path.clone(), 1, 1);
        };
        let at = if p.exact {
            p.offset + (offset - p.at.min(offset))
        } else {
            p.offset
        };
        let (file, text) = &o.files[p.file];
        let (line, col) = line_col(text, at);
        (file.clone(), line, col)
    }

    /// Where a patch wrote the value of the entry whose name starts at `at` (`name: value` or a
    /// list item), if one did: an error found at a field is placed at the value a mod set, not at
    /// the name the base file wrote. `at` itself otherwise.
    fn patched_value(&self, at: usize) -> usize {
        let Some(o) = &self.origins else {
            return at;
        };
        let b = self.text.as_bytes();
        // The end of the element: the next `,` or closing bracket outside brackets and strings.
        let (mut i, mut depth, mut in_str) = (at, 0usize, false);
        while i < b.len() {
            match (in_str, b[i]) {
                (true, b'\\') => i += 1,
                (true, b'"') => in_str = false,
                (false, b'"') => in_str = true,
                (false, b'(' | b'[' | b'{') => depth += 1,
                (false, b')' | b']' | b'}') if depth == 0 => break,
                (false, b')' | b']' | b'}') => depth -= 1,
                (false, b',') if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        o.parts
            .iter()
            .find(|p| p.file != 0 && p.at >= at && p.at < i)
            .map_or(at, |p| p.at)
    }

    /// Byte offset of a 1-based (line, column) of `text`.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(n) => start += n + 1,
                None => return self.text.len(),
            }
        }
        self.text[start..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
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
        let (file, line, col) = self.place(offset);
        DataError {
            file,
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
        match at {
            Some(o) => self.error_at_offset(self.patched_value(o), message),
            None => DataError {
                file: self.path.clone(),
                line: 1,
                col: 1,
                message: message.into(),
            },
        }
    }
}

/// 1-based (line, column) of a byte offset of a text (columns count characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// RON's error texts, reworded where they would puzzle a modder.
fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}{}; expected one of: {}",
            outer
                .as_ref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default(),
            did_you_mean(found, expected.iter().copied()),
            expected.join(", ")
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
        ron::Error::ExpectedInteger => {
            "expected a whole number (no decimal point, no quotes)".to_string()
        }
        ron::Error::ExpectedFloat => "expected a number (e.g. `4.5`, no quotes)".to_string(),
        ron::Error::ExpectedString => "expected text in double quotes".to_string(),
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

/// Longest line of a file shown in an excerpt, in characters (longer lines are cut around the
/// place).
const EXCERPT_WIDTH: usize = 160;

/// The line of the file an error is placed at, with its number and the place marked under it:
///
/// ```text
///    |
/// 24 |         (id: "su_tank", kind: "tank_brigade", …
///    |                               ^^^^^^^^^^^^^^
/// ```
///
/// `None` when the error is about the whole file or the file cannot be read again. (Written here
/// rather than with `codespan-reporting`: its header would replace the one-line
/// `FILE:LINE:COLUMN: message` form that editors and scripts read.)
pub fn excerpt(e: &DataError) -> Option<String> {
    if e.line == 0 {
        return None;
    }
    let bytes = crate::fsio::read_bounded(&e.file).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let line = text.lines().nth(e.line - 1)?;
    let chars: Vec<char> = line.chars().collect();
    let col = (e.col - 1).min(chars.len());
    // The marked token: up to the next space or separator, at least one character.
    let stop = |c: &char| c.is_whitespace() || ",)]}:".contains(*c);
    let len = match chars.get(col) {
        Some('"') => chars[col + 1..]
            .iter()
            .position(|&c| c == '"')
            .map_or(1, |n| n + 2),
        _ => chars[col..].iter().take_while(|c| !stop(c)).count().max(1),
    };
    let start = col.saturating_sub(EXCERPT_WIDTH / 2).min(col);
    let shown: String = chars[start..].iter().take(EXCERPT_WIDTH).collect();
    let shown = one_line(&shown.replace('\t', " "));
    let cut = if start > 0 { "…" } else { "" };
    let num = e.line.to_string();
    let pad = " ".repeat(num.len());
    let marks = "^".repeat(len.min(EXCERPT_WIDTH - (col - start)).max(1));
    Some(format!(
        "{pad} |\n{num} | {cut}{shown}\n{pad} | {}{}{marks}",
        if start > 0 { " " } else { "" },
        " ".repeat(col - start)
    ))
}
