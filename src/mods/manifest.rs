//! A mod's manifest (`mod.ron`) and the load order of a set of mods: dependencies first, then
//! by id; a missing dependency, a declared conflict, a cycle or a repeated id is an error.

use crate::error::{DataError, SourceText, did_you_mean};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Longest mod id, in characters.
pub const MAX_MOD_ID: usize = 64;
/// Most mods loaded together.
pub const MAX_MODS: usize = 200;

/// `mod.ron`: who the mod is and what it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Short name other mods and the command line use: lower-case letters, digits, `_` and `-`.
    pub id: String,
    /// Name shown to players.
    pub name: String,
    /// The mod's own version, e.g. `"1.0.0"`.
    pub version: String,
    /// The game version the mod was made for, `MAJOR.MINOR` (e.g. `"0.1"`); another one is warned of.
    pub game: String,
    /// What the mod changes, shown in the window's mod list.
    #[serde(default)]
    pub description: String,
    /// Ids of mods that must be loaded before this one.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Ids of mods this one cannot be loaded with.
    #[serde(default)]
    pub conflicts: Vec<String>,
}

/// Reads and checks one `mod.ron`.
pub fn read_manifest(path: &Path) -> Result<(Manifest, SourceText), DataError> {
    let src = SourceText::read(path)?;
    let m: Manifest = src.parse()?;
    let bad_id = |id: &str| {
        id.is_empty()
            || id.chars().count() > MAX_MOD_ID
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    for (field, id) in std::iter::once(("id", &m.id))
        .chain(m.requires.iter().map(|r| ("requires", r)))
        .chain(m.conflicts.iter().map(|r| ("conflicts", r)))
    {
        if bad_id(id) {
            return Err(src.error_at(
                &[field],
                format!(
                    "the mod id `{id}` is not allowed; expected 1 to {MAX_MOD_ID} lower-case \
                     letters, digits, `_` or `-`"
                ),
            ));
        }
    }
    for (field, text) in [
        ("name", &m.name),
        ("version", &m.version),
        ("game", &m.game),
    ] {
        if text.is_empty() || text.chars().count() > crate::scenario::ranges::MAX_ID {
            return Err(src.error_at(
                &[field],
                format!(
                    "`{field}` must be 1 to {} characters",
                    crate::scenario::ranges::MAX_ID
                ),
            ));
        }
    }
    Ok((m, src))
}

/// Whether a manifest's `game` (`MAJOR.MINOR`) is this game's version.
pub fn targets_this_game(game: &str) -> bool {
    let ours: Vec<&str> = env!("CARGO_PKG_VERSION").split('.').collect();
    let theirs: Vec<&str> = game.split('.').collect();
    theirs.len() >= 2 && theirs[..2] == ours[..2]
}

/// The load order of mods given by their manifests (with the place of each for errors): every
/// mod after the mods it requires, ties broken by id.
pub fn load_order(mods: &[(Manifest, SourceText)]) -> Result<Vec<usize>, Vec<DataError>> {
    let mut errors = Vec::new();
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (m, src)) in mods.iter().enumerate() {
        if let Some(&j) = by_id.get(m.id.as_str()) {
            errors.push(src.error_at(
                &["id"],
                format!(
                    "two mods have the id `{}`: this one and {}",
                    m.id,
                    mods[j].1.path.display()
                ),
            ));
        }
        by_id.insert(&m.id, i);
    }
    for (m, src) in mods {
        if m.requires.contains(&m.id) {
            errors.push(src.error_at(
                &["requires", &format!("\"{}\"", m.id)],
                format!("mod `{}` requires itself", m.id),
            ));
        }
        for r in &m.requires {
            if !by_id.contains_key(r.as_str()) {
                errors.push(src.error_at(
                    &["requires", &format!("\"{r}\"")],
                    format!(
                        "mod `{}` requires mod `{r}`, which is not enabled nor found in the mod \
                         folders{}",
                        m.id,
                        did_you_mean(r, by_id.keys().copied().filter(|k| *k != m.id))
                    ),
                ));
            }
        }
        for c in &m.conflicts {
            if by_id.contains_key(c.as_str()) && *c != m.id {
                errors.push(src.error_at(
                    &["conflicts", &format!("\"{c}\"")],
                    format!(
                        "mod `{}` cannot be loaded with mod `{c}`; enable one of them",
                        m.id
                    ),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Kahn's algorithm, always taking the ready mod with the smallest id.
    let mut order = Vec::new();
    let mut done = vec![false; mods.len()];
    while order.len() < mods.len() {
        let ready = by_id.iter().find(|&(_, &i)| {
            !done[i] && mods[i].0.requires.iter().all(|r| done[by_id[r.as_str()]])
        });
        match ready {
            Some((_, &i)) => {
                done[i] = true;
                order.push(i);
            }
            None => {
                let stuck: Vec<&str> = by_id
                    .iter()
                    .filter(|&(_, &i)| !done[i])
                    .map(|(id, _)| *id)
                    .collect();
                let (_, &first) = by_id.iter().find(|&(_, &i)| !done[i]).expect("a mod left");
                return Err(vec![mods[first].1.error_at(
                    &["requires"],
                    format!(
                        "the mods {} require each other in a circle; expected dependencies that \
                         end",
                        stuck
                            .iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )]);
            }
        }
    }
    Ok(order)
}
