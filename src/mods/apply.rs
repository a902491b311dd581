//! Applying a patch operation to a data file's text: the entry is found by its path, and the new
//! text spliced in with a record of where each part came from, so that the file's loader places
//! an error in a patched value at the patch file's line and column.

use super::patch::{Op, OpKind, PatchFile, Span};
use super::spans::{self, Kind, Node};
use crate::error::{DataError, Origins, Part, SourceText, did_you_mean};
use std::sync::Arc;

/// Text to splice in: pieces from a patch file, `exact` when copied from it byte for byte.
struct Piece {
    text: String,
    offset: usize,
    exact: bool,
}

fn copied(p: &PatchFile, s: Span) -> Piece {
    Piece {
        text: p.text[s.start..s.end].to_string(),
        offset: s.start,
        exact: true,
    }
}

fn written(text: impl Into<String>, at: usize) -> Piece {
    Piece {
        text: text.into(),
        offset: at,
        exact: false,
    }
}

/// Replaces `start..end` of `src.text` by the pieces, all from patch file `p`.
fn splice(src: &mut SourceText, p: &PatchFile, start: usize, end: usize, pieces: Vec<Piece>) {
    let o = src.origins.get_or_insert_with(|| {
        Box::new(Origins {
            files: vec![(src.path.clone(), Arc::from(src.text.as_str()))],
            parts: vec![Part {
                at: 0,
                file: 0,
                offset: 0,
                exact: true,
            }],
        })
    });
    let file = match o.files.iter().position(|(f, _)| *f == p.path) {
        Some(i) => i,
        None => {
            o.files.push((p.path.clone(), p.text.clone()));
            o.files.len() - 1
        }
    };
    let k = o.parts.partition_point(|q| q.at <= end).saturating_sub(1);
    let q = o.parts[k];
    let rest_offset = if q.exact {
        q.offset + (end - q.at)
    } else {
        q.offset
    };
    let inserted: usize = pieces.iter().map(|x| x.text.len()).sum();
    let mut parts: Vec<Part> = o.parts.iter().copied().filter(|q| q.at < start).collect();
    let mut at = start;
    for x in &pieces {
        if !x.text.is_empty() {
            parts.push(Part {
                at,
                file,
                offset: x.offset,
                exact: x.exact,
            });
            at += x.text.len();
        }
    }
    parts.push(Part {
        at,
        file: q.file,
        offset: rest_offset,
        exact: q.exact,
    });
    parts.extend(o.parts.iter().filter(|q| q.at > end).map(|q| Part {
        at: q.at + inserted - (end - start),
        ..*q
    }));
    parts.dedup_by(|later, earlier| {
        later.at == earlier.at && {
            *earlier = *later;
            true
        }
    });
    o.parts = parts;
    let text: String = pieces.into_iter().map(|x| x.text).collect();
    src.text.replace_range(start..end, &text);
}

/// Where a path leads in a file.
enum Found<'n> {
    /// A struct field.
    Field(&'n Node),
    /// A map entry: its key's start.
    Entry(&'n Node),
    /// A list item.
    Item(&'n Node),
    /// The whole file.
    Root(&'n Node),
}

impl<'n> Found<'n> {
    fn node(&self) -> &'n Node {
        match *self {
            Found::Field(n) | Found::Entry(n) | Found::Item(n) | Found::Root(n) => n,
        }
    }
}

/// Through `Some(…)`: the value inside.
pub(super) fn inner(n: &Node) -> &Node {
    match &n.kind {
        Kind::Tuple {
            name: Some(s),
            items,
            ..
        } if s == "Some" && items.len() == 1 => &items[0],
        _ => n,
    }
}

/// The key of a list item, if it has one: its `id` field (else its `name`), the text of a pair or
/// tuple that starts with one (`("BT-7", 25)` in a roster), or the text itself (`"su_57rd"` in a
/// plan's units).
pub(super) fn item_id(text: &str, n: &Node) -> Option<String> {
    let n = inner(n);
    match &n.kind {
        Kind::Struct { .. } => {
            spans::string_value(text, &n.field("id").or_else(|| n.field("name"))?.value)
        }
        Kind::Tuple {
            name: None, items, ..
        } => spans::string_value(text, items.first()?),
        Kind::Atom => spans::string_value(text, n),
        _ => None,
    }
}

/// The child `seg` of a node, or what is there instead.
fn child<'n>(text: &str, node: &'n Node, seg: &str, shown: &str) -> Result<Found<'n>, String> {
    match &inner(node).kind {
        Kind::Struct { fields, .. } => fields
            .iter()
            .find(|f| f.name == seg)
            .map(|f| Found::Field(&f.value))
            .ok_or_else(|| {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                let near = did_you_mean(seg, names.iter().copied());
                if shown == "the file" {
                    format!("the file has no field `{seg}`{near}")
                } else {
                    format!(
                        "`{shown}` has no field `{seg}` written in the file{near} (a field left \
                         to its default can be set with `Change(at: \"{shown}\", set: \
                         {{\"{seg}\": …}})`)"
                    )
                }
            }),
        Kind::Map { entries, .. } => entries
            .iter()
            .find(|e| spans::string_value(text, &e.key).as_deref() == Some(seg))
            .map(|e| Found::Entry(&e.value))
            .ok_or_else(|| {
                let keys: Vec<String> = entries
                    .iter()
                    .filter_map(|e| spans::string_value(text, &e.key))
                    .collect();
                format!(
                    "`{shown}` has no entry `{seg}`{}",
                    did_you_mean(seg, keys.iter().map(String::as_str))
                )
            }),
        Kind::Seq { items, .. } => {
            if let Some(i) = items
                .iter()
                .find(|i| item_id(text, i).as_deref() == Some(seg))
            {
                return Ok(Found::Item(i));
            }
            let ids: Vec<String> = items.iter().filter_map(|i| item_id(text, i)).collect();
            if ids.is_empty()
                && let Ok(k) = seg.parse::<usize>()
                && k < items.len()
            {
                return Ok(Found::Item(&items[k]));
            }
            if ids.is_empty() {
                Err(format!(
                    "`{shown}` is a list of {} entries without ids or names; expected an index \
                     from 0 to {}",
                    items.len(),
                    items.len().saturating_sub(1)
                ))
            } else {
                Err(format!(
                    "`{shown}` has no entry with id `{seg}`{}",
                    did_you_mean(seg, ids.iter().map(String::as_str))
                ))
            }
        }
        _ => Err(format!(
            "`{shown}` is a single value, not a record, map or list; `{seg}` cannot be inside it"
        )),
    }
}

/// Follows a path from the file's root.
fn find<'n>(text: &str, root: &'n Node, path: &[String]) -> Result<Found<'n>, String> {
    let mut at = Found::Root(root);
    for (k, seg) in path.iter().enumerate() {
        let shown = if k == 0 {
            "the file".to_string()
        } else {
            path[..k].join("/")
        };
        at = child(text, at.node(), seg, &shown)?;
    }
    Ok(at)
}

/// The span of the entry at `path` (a field from its name, a map entry from its key, a list item),
/// if there is one.
pub(super) fn locate(text: &str, root: &Node, path: &[String]) -> Option<(usize, usize)> {
    let found = find(text, root, path).ok()?;
    let n = found.node();
    Some((n.start, n.end))
}

/// Inserts `pieces` as a new last element of a bracketed group whose elements end at `last_end`
/// (`None`: empty) and whose closing bracket is at `close`.
fn append_at(
    src: &mut SourceText,
    p: &PatchFile,
    last_end: Option<usize>,
    close: usize,
    at: usize,
    mut pieces: Vec<Piece>,
) {
    match last_end {
        Some(e) if !src.text[e..close].contains(',') => {
            pieces.insert(0, written(", ", at));
            splice(src, p, e, e, pieces);
        }
        Some(_) => {
            pieces.push(written(", ", at));
            splice(src, p, close, close, pieces);
        }
        None => splice(src, p, close, close, pieces),
    }
}

/// The span to cut to remove element `k` of a group with elements `spans` closing at `close`.
fn cut_span(text: &str, spans: &[(usize, usize)], k: usize, close: usize) -> (usize, usize) {
    let (start, end) = spans[k];
    match spans.get(k + 1) {
        Some(&(next, _)) => (start, next),
        None if k > 0 => {
            let after = text[end..close].find(',').map_or(end, |c| end + c + 1);
            (spans[k - 1].1, after.max(end))
        }
        None => {
            let after = text[end..close].find(',').map_or(end, |c| end + c + 1);
            (start, after)
        }
    }
}

/// The RON string literal of a key.
fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// Applies one operation; an error is placed in the patch file. Returns, for a `Create`, the key
/// of the entry created.
pub fn apply_op(src: &mut SourceText, p: &PatchFile, op: &Op) -> Result<Option<String>, DataError> {
    let root = spans::parse(&src.text).map_err(|e| src.error_at_offset(e.at, e.message))?;
    let err = |m: String| p.error(op.path_at, m);
    let path = op.path.join("/");
    match op.kind {
        OpKind::Change => {
            let found = find(&src.text, &root, &op.path).map_err(&err)?;
            if let Found::Item(_) = found
                && let Some((_, key_at, _)) = op.set.iter().find(|(k, _, _)| k == "id")
            {
                return Err(p.error(
                    *key_at,
                    format!(
                        "`Change` cannot set the `id` of `{path}`: other entries name it by its \
                         id; to rename it, Delete it and Create the new one"
                    ),
                ));
            }
            let target = inner(found.node()).clone();
            // Fields from the last to the first, so earlier offsets stay valid.
            let mut edits: Vec<(usize, usize, Vec<Piece>)> = Vec::new();
            let mut added: Vec<Piece> = Vec::new();
            for (key, key_at, value) in &op.set {
                match &target.kind {
                    Kind::Struct { fields, .. } => match fields.iter().find(|f| f.name == *key) {
                        Some(f) => {
                            edits.push((f.value.start, f.value.end, vec![copied(p, *value)]))
                        }
                        None => {
                            if !added.is_empty() {
                                added.push(written(", ", *key_at));
                            }
                            added.push(written(format!("{key}: "), *key_at));
                            added.push(copied(p, *value));
                        }
                    },
                    Kind::Map { entries, .. } => {
                        match entries.iter().find(|e| {
                            spans::string_value(&src.text, &e.key).as_deref() == Some(key)
                        }) {
                            Some(e) => {
                                edits.push((e.value.start, e.value.end, vec![copied(p, *value)]))
                            }
                            None => {
                                let keys: Vec<String> = entries
                                    .iter()
                                    .filter_map(|e| spans::string_value(&src.text, &e.key))
                                    .collect();
                                return Err(p.error(
                                    *key_at,
                                    format!(
                                        "`{path}` has no entry `{key}` to change{}; to add one, \
                                         use `Create(at: \"{path}/{key}\", value: …)`",
                                        did_you_mean(key, keys.iter().map(String::as_str))
                                    ),
                                ));
                            }
                        }
                    }
                    _ => {
                        return Err(err(format!(
                            "`{path}` is a single value, not a record or map; use \
                             `Replace(at: \"{path}\", value: …)`"
                        )));
                    }
                }
            }
            // New fields go after the last written one: past every edited value, so inserting
            // them first and then editing from the last value back keeps every offset valid.
            if let Kind::Struct { fields, close } = &target.kind
                && !added.is_empty()
            {
                append_at(
                    src,
                    p,
                    fields.last().map(|f| f.value.end),
                    *close,
                    op.at,
                    added,
                );
            }
            edits.sort_by_key(|e| std::cmp::Reverse(e.0));
            for (s, e, pieces) in edits {
                splice(src, p, s, e, pieces);
            }
        }
        OpKind::Replace => {
            let found = find(&src.text, &root, &op.path).map_err(&err)?;
            let value = op.value.expect("Replace has a value");
            if let Found::Item(n) = found
                && let Some(id) = item_id(&src.text, n)
            {
                let new = spans::parse(&p.text[value.start..value.end])
                    .ok()
                    .and_then(|v| item_id(&p.text[value.start..value.end], &v));
                if new.as_deref() != Some(id.as_str()) {
                    return Err(p.error(
                        value.start,
                        format!(
                            "the new value of `{path}` must keep `id: \"{id}\"`; to rename an \
                             entry, Delete it and Create the new one"
                        ),
                    ));
                }
            }
            let n = found.node();
            splice(src, p, n.start, n.end, vec![copied(p, value)]);
        }
        OpKind::Delete => {
            let (parent_path, last) = op.path.split_at(op.path.len() - 1);
            let parent = find(&src.text, &root, parent_path).map_err(&err)?;
            child(&src.text, parent.node(), &last[0], &parent_path.join("/")).map_err(&err)?;
            let parent = inner(parent.node());
            let (spans, k, close): (Vec<(usize, usize)>, usize, usize) = match &parent.kind {
                Kind::Struct { fields, close } => (
                    fields.iter().map(|f| (f.at, f.value.end)).collect(),
                    fields
                        .iter()
                        .position(|f| f.name == last[0])
                        .expect("found"),
                    *close,
                ),
                Kind::Map { entries, close } => (
                    entries.iter().map(|e| (e.key.start, e.value.end)).collect(),
                    entries
                        .iter()
                        .position(|e| {
                            spans::string_value(&src.text, &e.key).as_deref() == Some(&last[0])
                        })
                        .expect("found"),
                    *close,
                ),
                Kind::Seq { items, close } => {
                    let k = items
                        .iter()
                        .position(|i| item_id(&src.text, i).as_deref() == Some(&last[0]))
                        .or_else(|| last[0].parse().ok())
                        .expect("found");
                    (items.iter().map(|i| (i.start, i.end)).collect(), k, *close)
                }
                _ => unreachable!("child() found an element"),
            };
            let (s, e) = cut_span(&src.text, &spans, k, close);
            splice(src, p, s, e, Vec::new());
        }
        OpKind::Create => {
            let value = op.value.expect("Create has a value");
            let vtext = &p.text[value.start..value.end];
            let new_id = spans::parse(vtext).ok().and_then(|v| item_id(vtext, &v));
            // A path naming a list appends to it.
            if let Ok(found) = find(&src.text, &root, &op.path) {
                if let Kind::Seq { items, close } = &inner(found.node()).kind {
                    if let Some(id) = &new_id
                        && items
                            .iter()
                            .any(|i| item_id(&src.text, i).as_deref() == Some(id))
                    {
                        return Err(p.error(
                            value.start,
                            format!(
                                "`{path}` already has an entry `{id}`; use `Change` or \
                                 `Replace` for it"
                            ),
                        ));
                    }
                    let (last, close) = (items.last().map(|i| i.end), *close);
                    append_at(src, p, last, close, op.at, vec![copied(p, value)]);
                    return Ok(new_id);
                }
                return Err(err(format!(
                    "`{path}` already exists; use `Change` or `Replace` for it"
                )));
            }
            let (parent_path, last) = op.path.split_at(op.path.len() - 1);
            let key = &last[0];
            let parent = find(&src.text, &root, parent_path).map_err(&err)?;
            let parent = inner(parent.node());
            match &parent.kind {
                Kind::Map { entries, close } => {
                    let last = entries.last().map(|e| e.value.end);
                    let pieces = vec![
                        written(format!("{}: ", quoted(key)), op.path_at),
                        copied(p, value),
                    ];
                    append_at(src, p, last, *close, op.at, pieces);
                }
                Kind::Struct { fields, close } => {
                    let last = fields.last().map(|f| f.value.end);
                    let pieces = vec![written(format!("{key}: "), op.path_at), copied(p, value)];
                    append_at(src, p, last, *close, op.at, pieces);
                }
                Kind::Seq { items, close } => {
                    if new_id.as_deref() != Some(key.as_str()) {
                        return Err(p.error(
                            value.start,
                            format!(
                                "a new entry of `{}` at `{path}` must have `id: \"{key}\"`",
                                parent_path.join("/")
                            ),
                        ));
                    }
                    let last = items.last().map(|i| i.end);
                    append_at(src, p, last, *close, op.at, vec![copied(p, value)]);
                }
                _ => {
                    return Err(err(format!(
                        "`{}` is a single value; nothing can be created inside it",
                        parent_path.join("/")
                    )));
                }
            }
            return Ok(Some(key.clone()));
        }
    }
    Ok(None)
}
