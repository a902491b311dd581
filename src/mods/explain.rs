//! Where a value came from: the base file's entry, then each mod operation that created,
//! changed, replaced or deleted it, and the value the game reads.

use super::spans::{self, Kind, Node};
use super::{Applied, ModSet, OpKind};
use crate::error::{SourceText, line_col};
use std::path::{Path, PathBuf};

/// Most entries one explanation lists.
pub const MAX_FOUND: usize = 50;

/// One entry named by the id asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// The data file, and the entry's path in it.
    pub file: PathBuf,
    pub path: Vec<String>,
    /// Line and column of the entry in the file as written, if it is there.
    pub written: Option<(usize, usize)>,
    /// The operations of the mods that touched it, in load order.
    pub changes: Vec<Applied>,
    /// The entry's text after the mods (`None`: deleted).
    pub now: Option<String>,
    /// Operations aimed at the file that could not be applied, with why.
    pub failed: Vec<crate::error::DataError>,
}

/// Entries below `node` whose key, id or field name is `id` (or whose path is `id` when it holds
/// `/`): their paths and start offsets.
fn named(
    text: &str,
    node: &Node,
    path: &mut Vec<String>,
    id: &str,
    out: &mut Vec<(Vec<String>, usize)>,
) {
    let mut visit = |seg: String, at: usize, child: &Node, out: &mut Vec<(Vec<String>, usize)>| {
        path.push(seg);
        let joined = path.join("/");
        if path.last().is_some_and(|s| s == id) || joined == id {
            out.push((path.clone(), at));
        }
        if out.len() < MAX_FOUND {
            named(text, child, path, id, out);
        }
        path.pop();
    };
    match &node.kind {
        Kind::Struct { fields, .. } => {
            for f in fields {
                visit(f.name.clone(), f.at, &f.value, out);
            }
        }
        Kind::Map { entries, .. } => {
            for e in entries {
                if let Some(k) = spans::string_value(text, &e.key) {
                    visit(k, e.key.start, &e.value, out);
                }
            }
        }
        Kind::Seq { items, .. } => {
            for (i, it) in items.iter().enumerate() {
                let seg = super::apply::item_id(text, it).unwrap_or_else(|| i.to_string());
                visit(seg, it.start, it, out);
            }
        }
        Kind::Tuple { items, .. } => {
            for it in items {
                named(text, it, path, id, out);
            }
        }
        Kind::Atom => {}
    }
}

fn entries(text: &str, id: &str) -> Vec<(Vec<String>, usize)> {
    let mut out = Vec::new();
    if let Ok(root) = spans::parse(text) {
        named(text, &root, &mut Vec::new(), id, &mut out);
    }
    out.truncate(MAX_FOUND);
    out
}

/// Whether an operation touched the entry at `path` (or something inside it, or the entry it is
/// inside).
fn touches(a: &Applied, path: &[String]) -> bool {
    let related = |p: &[String]| p.starts_with(path) || path.starts_with(p);
    match a.kind {
        OpKind::Change => a.fields.iter().any(|f| {
            let mut p = a.path.clone();
            p.push(f.clone());
            related(&p)
        }),
        OpKind::Create => {
            let mut p = a.path.clone();
            if let Some(k) = &a.created
                && p.last() != Some(k)
            {
                p.push(k.clone());
            }
            related(&p)
        }
        OpKind::Replace | OpKind::Delete => related(&a.path),
    }
}

/// Explains `id` in each of `files` as `mods` patch them.
pub fn explain(mods: &ModSet, files: &[PathBuf], id: &str) -> Vec<Explained> {
    let mut out = Vec::new();
    for f in files {
        let Ok(base) = SourceText::read(f) else {
            continue;
        };
        let mut log = Vec::new();
        let (patched, failed) = mods.patch_logged(base.clone(), &mut log);
        let patched = Some(patched);
        let before = entries(&base.text, id);
        let after = patched
            .as_ref()
            .map(|p| entries(&p.text, id))
            .unwrap_or_default();
        let mut paths: Vec<Vec<String>> = before.iter().map(|(p, _)| p.clone()).collect();
        for (p, _) in &after {
            if !paths.contains(p) {
                paths.push(p.clone());
            }
        }
        for path in paths {
            let written = before
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, at)| line_col(&base.text, *at));
            let now = patched.as_ref().and_then(|p| {
                let root = spans::parse(&p.text).ok()?;
                let (s, e) = super::apply::locate(&p.text, &root, &path)?;
                Some(crate::error::one_line(&p.text[s..e]))
            });
            out.push(Explained {
                failed: failed.clone(),
                file: f.clone(),
                changes: log.iter().filter(|a| touches(a, &path)).cloned().collect(),
                path,
                written,
                now,
            });
            if out.len() >= MAX_FOUND {
                return out;
            }
        }
    }
    out
}

/// The data files `explain` searches by default: the game's data, maps and scenarios, and the
/// mods' scenarios.
pub fn default_files(mods: &ModSet) -> Vec<PathBuf> {
    let root = crate::fsio::game_root();
    let mut v = Vec::new();
    for d in ["assets/data", "assets/maps", "scenarios"] {
        crate::fsio::ron_files(&root.join(d), 0, &mut v);
    }
    for m in &mods.mods {
        v.extend(m.scenarios.iter().cloned());
    }
    v
}

/// A path shown with the file: `equipment.ron: equipment/BT-5`.
pub fn shown(file: &Path, path: &[String]) -> String {
    format!("{}: {}", crate::fsio::shown(file), path.join("/"))
}
