//! A patch file: the data file it changes (`target`) and a list of operations on entries named by
//! a path of ids and field names. Values are RON text, typed when the patched file is loaded.
//!
//! ```ron
//! (
//!     target: "game:assets/data/equipment.ron",
//!     patches: [
//!         Change(at: "equipment/BT-5", set: {"armor_mm": 15.0}),
//!         Create(at: "equipment/BT-5M", value: (name: "…", class: Tank, crew: 3)),
//!         Replace(at: ["equipment", "76mm divisional gun M1902/30"], value: (…)),
//!         Delete(at: "equipment/FAI"),
//!     ],
//! )
//! ```

use super::spans::{self, Kind, Node};
use crate::error::{DataError, did_you_mean, line_col};
use std::path::PathBuf;
use std::sync::Arc;

/// Most operations in one patch file.
pub const MAX_OPS: usize = 10_000;
/// Most segments in a path.
pub const MAX_PATH: usize = 32;

/// What an operation means to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// Add an entry that does not exist yet (or append to a list).
    Create,
    /// Set fields of an entry that exists; fields not named keep their values.
    Change,
    /// Put a whole new value in place of an entry that exists.
    Replace,
    /// Remove an entry that exists.
    Delete,
}

impl OpKind {
    pub fn key(self) -> &'static str {
        match self {
            OpKind::Create => "Create",
            OpKind::Change => "Change",
            OpKind::Replace => "Replace",
            OpKind::Delete => "Delete",
        }
    }
}

/// A value written in a patch file: its byte span there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One operation of a patch file.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub kind: OpKind,
    pub path: Vec<String>,
    /// Offset of the operation and of its path in the patch file.
    pub at: usize,
    pub path_at: usize,
    /// `Change`: each field or key set, where it is written, and its value.
    pub set: Vec<(String, usize, Span)>,
    /// `Create` / `Replace`: the new value.
    pub value: Option<Span>,
}

/// A patch file read and checked for form.
#[derive(Debug, Clone)]
pub struct PatchFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    /// The target as written, and where.
    pub target_name: String,
    pub target_at: usize,
    pub ops: Vec<Op>,
}

impl PatchFile {
    /// An error at a byte offset of this file.
    pub fn error(&self, at: usize, message: impl Into<String>) -> DataError {
        error_in(&self.path, &self.text, at, message)
    }
}

fn error_in(
    path: &std::path::Path,
    text: &str,
    at: usize,
    message: impl Into<String>,
) -> DataError {
    let (line, col) = line_col(text, at);
    DataError {
        file: path.to_path_buf(),
        line,
        col,
        message: message.into(),
    }
}

/// Reads the form of a patch file (its operations' values are checked when applied).
pub fn read_patch(path: PathBuf, text: String) -> Result<PatchFile, Vec<DataError>> {
    let err = |at: usize, m: String| vec![error_in(&path, &text, at, m)];
    let root = spans::parse(&text).map_err(|e| err(e.at, e.message))?;
    let Kind::Struct { fields, .. } = &root.kind else {
        return Err(err(
            root.start,
            "expected a patch file: `(target: \"FILE\", patches: [ … ])`".into(),
        ));
    };
    for f in fields {
        if f.name != "target" && f.name != "patches" {
            return Err(err(
                f.at,
                format!(
                    "unknown field `{}`; expected `target` or `patches`{}",
                    f.name,
                    did_you_mean(&f.name, ["target", "patches"])
                ),
            ));
        }
    }
    let Some(target) = root.field("target") else {
        return Err(err(
            root.start,
            "missing field `target`: the file the patches change, e.g. \
             `\"game:assets/data/equipment.ron\"`"
                .into(),
        ));
    };
    let Some(target_name) = spans::string_value(&text, &target.value) else {
        return Err(err(target.value.start, "`target` must be a string".into()));
    };
    let Some(list) = root.field("patches") else {
        return Err(err(
            root.start,
            "missing field `patches`: a list of operations".into(),
        ));
    };
    let Kind::Seq { items, .. } = &list.value.kind else {
        return Err(err(
            list.value.start,
            "`patches` must be a list `[ … ]`".into(),
        ));
    };
    if items.len() > MAX_OPS {
        return Err(err(
            list.value.start,
            format!("{} operations; expected at most {MAX_OPS}", items.len()),
        ));
    }
    let mut errors = Vec::new();
    let mut ops = Vec::new();
    for item in items {
        match read_op(&text, item) {
            Ok(op) => ops.push(op),
            Err((at, m)) => errors.push(error_in(&path, &text, at, m)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PatchFile {
        path,
        target_name,
        target_at: target.value.start,
        text: text.into(),
        ops,
    })
}

fn read_op(text: &str, item: &Node) -> Result<Op, (usize, String)> {
    let ops = ["Create", "Change", "Replace", "Delete"];
    let (Kind::Struct { fields, .. }, Some(name)) = (&item.kind, ident_before(text, item)) else {
        return Err((
            item.start,
            "expected an operation: `Create(at: …, value: …)`, `Change(at: …, set: { … })`, \
             `Replace(at: …, value: …)` or `Delete(at: …)`"
                .into(),
        ));
    };
    let kind = match name {
        "Create" => OpKind::Create,
        "Change" => OpKind::Change,
        "Replace" => OpKind::Replace,
        "Delete" => OpKind::Delete,
        other => {
            return Err((
                item.start,
                format!(
                    "unknown operation `{other}`; expected Create, Change, Replace or Delete{}",
                    did_you_mean(other, ops)
                ),
            ));
        }
    };
    let allowed: &[&str] = match kind {
        OpKind::Create | OpKind::Replace => &["at", "value"],
        OpKind::Change => &["at", "set"],
        OpKind::Delete => &["at"],
    };
    for f in fields {
        if !allowed.contains(&f.name.as_str()) {
            return Err((
                f.at,
                format!(
                    "`{name}` has no field `{}`; expected {}{}",
                    f.name,
                    allowed
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    did_you_mean(&f.name, allowed.iter().copied())
                ),
            ));
        }
    }
    for need in allowed {
        if item.field(need).is_none() {
            return Err((item.start, format!("`{name}` needs the field `{need}`")));
        }
    }
    let at = item.field("at").expect("checked");
    let path = read_path(text, &at.value)?;
    let mut op = Op {
        kind,
        path,
        at: item.start,
        path_at: at.value.start,
        set: Vec::new(),
        value: item.field("value").map(|f| Span {
            start: f.value.start,
            end: f.value.end,
        }),
    };
    if let Some(set) = item.field("set") {
        let Kind::Map { entries, .. } = &set.value.kind else {
            return Err((
                set.value.start,
                "`set` must be a map of field names to values: `{\"men\": 700}`".into(),
            ));
        };
        if entries.is_empty() {
            return Err((set.value.start, "`set` names no field".into()));
        }
        for e in entries {
            let Some(k) = spans::string_value(text, &e.key) else {
                return Err((e.key.start, "a field name in `set` must be a string".into()));
            };
            if op.set.iter().any(|(s, _, _)| *s == k) {
                return Err((e.key.start, format!("`{k}` is set twice")));
            }
            op.set.push((
                k,
                e.key.start,
                Span {
                    start: e.value.start,
                    end: e.value.end,
                },
            ));
        }
    }
    Ok(op)
}

/// The name written before a struct's `(`, if any.
fn ident_before<'t>(text: &'t str, node: &Node) -> Option<&'t str> {
    let head = &text[node.start..];
    let n = head.find('(')?;
    let name = head[..n].trim();
    (!name.is_empty()).then_some(name)
}

/// `"units/jp_3tr/men"` or `["equipment", "76mm divisional gun M1902/30"]`.
fn read_path(text: &str, node: &Node) -> Result<Vec<String>, (usize, String)> {
    let path: Vec<String> = if let Some(s) = spans::string_value(text, node) {
        s.split('/').map(str::to_string).collect()
    } else if let Kind::Seq { items, .. } = &node.kind {
        items
            .iter()
            .map(|i| spans::string_value(text, i).ok_or((i.start, "expected a string".to_string())))
            .collect::<Result<_, _>>()?
    } else {
        return Err((
            node.start,
            "`at` must be a path: `\"units/jp_3tr\"`, or a list `[\"equipment\", \"a/b\"]` for \
             ids that hold `/`"
                .into(),
        ));
    };
    if path.is_empty() || path.iter().any(String::is_empty) {
        return Err((node.start, "the path has an empty part".into()));
    }
    if path.len() > MAX_PATH {
        return Err((
            node.start,
            format!(
                "the path has {} parts; expected at most {MAX_PATH}",
                path.len()
            ),
        ));
    }
    Ok(path)
}
