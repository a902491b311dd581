//! Mods: folders with a manifest (`mod.ron`), patch files (`patches/*.ron`) that change the game's
//! data by id without copying a file, new scenarios (`scenarios/*.ron`) and new campaigns
//! (`campaigns/*.ron`).
//!
//! A [`ModSet`] is a set of mods in load order (dependencies first, then by id). Every file the
//! scenario loader reads is passed through [`ModSet::patch`], which applies the operations aimed
//! at that file in load order; errors in patched values are placed in the patch file.

mod apply;
pub mod enabled;
pub mod explain;
pub mod manifest;
pub mod patch;
pub mod spans;

pub use manifest::Manifest;
pub use patch::{Op, OpKind, PatchFile};

use crate::error::{DataError, DataErrors, SourceText};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One mod, read and checked for form.
#[derive(Debug, Clone)]
pub struct Mod {
    /// The mod's folder, links resolved.
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// Its patch files, each with the file it changes (links resolved), in name order.
    pub patches: Vec<(PathBuf, PatchFile)>,
    /// The scenarios it adds.
    pub scenarios: Vec<PathBuf>,
    /// The campaigns it adds.
    pub campaigns: Vec<PathBuf>,
}

/// What an operation did to a file: for `validate --explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub target: PathBuf,
    pub mod_id: String,
    pub kind: OpKind,
    /// The entry's path, and for `Change` the fields set.
    pub path: Vec<String>,
    pub fields: Vec<String>,
    /// For `Create`: the key of the entry created (the path's last part, or the new list entry's
    /// id or name).
    pub created: Option<String>,
    /// Where the operation is written.
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
}

/// Mods in load order, with the warnings found while reading them.
#[derive(Debug, Clone, Default)]
pub struct ModSet {
    pub mods: Vec<Mod>,
    /// Problems that do not stop the mods loading: another game version, two mods changing the
    /// same value.
    pub warnings: Vec<DataError>,
}

/// The folders mods are looked for in: the user's `mods/` folder, then the game's own.
pub fn mod_folders() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = crate::fsio::user_data_dir()
        .map(|d| d.join("mods"))
        .into_iter()
        .collect();
    v.push(crate::fsio::game_root().join("mods"));
    v
}

/// The mods that can be found: each folder with a `mod.ron` in [`mod_folders`], with its manifest
/// (or why it cannot be read). A mod id found twice is taken from the user's folder.
pub fn available() -> Vec<(PathBuf, Result<Manifest, DataError>)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for folder in mod_folders() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("mod.ron").is_file())
            .collect();
        dirs.sort();
        for d in dirs.into_iter().take(manifest::MAX_MODS) {
            let m = manifest::read_manifest(&d.join("mod.ron")).map(|(m, _)| m);
            let key = m.as_ref().map(|m| m.id.clone()).unwrap_or_default();
            if key.is_empty() || seen.insert(key) {
                out.push((d, m));
            }
        }
    }
    out
}

/// A mod named on the command line: a folder holding `mod.ron`, or the id of one in
/// [`mod_folders`].
pub fn find(name: &str) -> Result<PathBuf, String> {
    let p = Path::new(name);
    if p.join("mod.ron").is_file() {
        return Ok(p.to_path_buf());
    }
    let found = available();
    if let Some((d, _)) = found
        .iter()
        .find(|(_, m)| m.as_ref().is_ok_and(|m| m.id == name))
    {
        return Ok(d.clone());
    }
    // A folder of that name whose manifest cannot be read, or that holds another id.
    if let Some((d, m)) = found
        .iter()
        .find(|(d, _)| d.file_name().is_some_and(|f| f == name))
    {
        return Err(match m {
            Err(e) => format!("the mod in {} cannot be read: {e}", d.display()),
            Ok(m) => format!(
                "the folder {} holds the mod `{}`, not `{name}`: name it by its id, `{}`",
                d.display(),
                m.id,
                m.id
            ),
        });
    }
    let ids: Vec<String> = found
        .iter()
        .filter_map(|(_, m)| m.as_ref().ok().map(|m| m.id.clone()))
        .collect();
    Err(format!(
        "no mod `{name}`: not a folder with a `mod.ron`, nor the id of a mod in {}{}{}",
        mod_folders()
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(" or "),
        if ids.is_empty() {
            String::new()
        } else {
            format!(" (found: {})", ids.join(", "))
        },
        crate::error::did_you_mean(name, ids.iter().map(String::as_str))
    ))
}

/// The place of a byte offset of a patch file.
fn place(p: &PatchFile, at: usize) -> (PathBuf, usize, usize) {
    let (line, col) = crate::error::line_col(&p.text, at);
    (p.path.clone(), line, col)
}

impl ModSet {
    /// No mods.
    pub fn none() -> ModSet {
        ModSet::default()
    }

    pub fn is_empty(&self) -> bool {
        self.mods.is_empty()
    }

    /// Reads the mods in these folders and puts them in load order; every problem is returned.
    pub fn load(dirs: &[PathBuf]) -> Result<ModSet, DataErrors> {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        if dirs.len() > manifest::MAX_MODS {
            return Err(DataError {
                file: dirs[0].clone(),
                line: 0,
                col: 0,
                message: format!(
                    "{} mods; the game loads at most {}",
                    dirs.len(),
                    manifest::MAX_MODS
                ),
            }
            .into());
        }
        let mut read: Vec<(PathBuf, Manifest, SourceText)> = Vec::new();
        for d in dirs {
            if d.canonicalize()
                .is_ok_and(|r| read.iter().any(|(x, _, _)| *x == r))
            {
                continue; // the same mod named twice
            }
            let real = match d.canonicalize() {
                Ok(r) => r,
                Err(e) => {
                    errors.push(DataError {
                        file: d.clone(),
                        line: 0,
                        col: 0,
                        message: format!("cannot read the mod folder: {e}"),
                    });
                    continue;
                }
            };
            match manifest::read_manifest(&d.join("mod.ron")) {
                Ok((m, src)) => {
                    if !manifest::targets_this_game(&m.game) {
                        warnings.push(src.error_at(
                            &["game"],
                            format!(
                                "mod `{}` was made for game version {}; this is {}: its \
                                 patches may no longer fit",
                                m.id,
                                m.game,
                                env!("CARGO_PKG_VERSION")
                            ),
                        ));
                    }
                    read.push((real, m, src));
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(DataErrors(errors));
        }
        // Mods required but not named are loaded from the mod folders, with a note.
        let mut k = 0;
        while k < read.len() && read.len() <= manifest::MAX_MODS {
            let needs: Vec<String> = read[k].1.requires.clone();
            for r in needs {
                if read.iter().any(|(_, m, _)| m.id == r) {
                    continue;
                }
                let Ok(dir) = find(&r) else { continue };
                let Ok(real) = dir.canonicalize() else {
                    continue;
                };
                if let Ok((m, src)) = manifest::read_manifest(&dir.join("mod.ron"))
                    && m.id == r
                {
                    warnings.push(read[k].2.error_at(
                        &["requires", &format!("\"{r}\"")],
                        format!(
                            "mod `{}` requires mod `{r}`, which was not enabled: loaded it from {}",
                            read[k].1.id,
                            real.display()
                        ),
                    ));
                    read.push((real, m, src));
                }
            }
            k += 1;
        }
        let manifests: Vec<(Manifest, SourceText)> = read
            .iter()
            .map(|(_, m, s)| (m.clone(), s.clone()))
            .collect();
        let order = manifest::load_order(&manifests).map_err(DataErrors)?;
        let mut mods = Vec::new();
        for i in order {
            let (dir, manifest, _) = &read[i];
            match read_mod(dir, manifest) {
                Ok(m) => mods.push(m),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(DataErrors(errors));
        }
        let mut set = ModSet { mods, warnings };
        set.warnings.extend(set.overlaps());
        set.warnings.extend(set.index_shifts());
        Ok(set)
    }

    /// Warnings for two mods changing the same value (or one changing a value inside an entry the
    /// other replaces or deletes): the later one in load order wins.
    fn overlaps(&self) -> Vec<DataError> {
        // (mod, where, line, column, a `Create`, path length) of each value touched.
        type Touch = (usize, PathBuf, usize, usize, bool, usize);
        let mut touched: BTreeMap<(PathBuf, Vec<String>), Touch> = BTreeMap::new();
        let mut out = Vec::new();
        for (mi, m) in self.mods.iter().enumerate() {
            for (target, p) in &m.patches {
                for op in &p.ops {
                    let keys: Vec<(Vec<String>, usize)> = if op.kind == OpKind::Change {
                        op.set
                            .iter()
                            .map(|(k, at, _)| {
                                let mut path = op.path.clone();
                                path.push(k.clone());
                                (path, *at)
                            })
                            .collect()
                    } else {
                        vec![(op.path.clone(), op.path_at)]
                    };
                    // A `Create` may append to a list: only the same path clashes with it.
                    let exact = op.kind == OpKind::Create;
                    for (key, at) in keys {
                        let within = if exact { key.len() } else { 1 };
                        let clash = (within..=key.len())
                            .filter_map(|n| touched.get(&(target.clone(), key[..n].to_vec())))
                            .filter(|v| !v.4 || v.5 == key.len())
                            .chain(
                                touched
                                    .range((target.clone(), key.clone())..)
                                    .take_while(|((t, k), _)| {
                                        t == target && k.starts_with(&key) && (!exact || *k == key)
                                    })
                                    .filter(|((_, k), v)| !v.4 || k.len() == key.len())
                                    .map(|(_, v)| v),
                            )
                            // Two creations aimed at one path are two appends to a list (the
                            // same new key twice is refused when applied).
                            .find(|v| v.0 != mi && !(exact && v.4));
                        if let Some((other, file, line, col, _, _)) = clash {
                            out.push(p.error(
                                at,
                                format!(
                                    "mod `{}` and mod `{}` ({}:{line}:{col}) both change `{}` \
                                     of {}; `{}` is loaded later and wins",
                                    m.manifest.id,
                                    self.mods[*other].manifest.id,
                                    file.display(),
                                    key.join("/"),
                                    crate::fsio::shown(target),
                                    m.manifest.id
                                ),
                            ));
                        }
                        let (file, line, col) = place(p, at);
                        let n = key.len();
                        touched.insert((target.clone(), key), (mi, file, line, col, exact, n));
                    }
                }
            }
        }
        out
    }

    /// Warnings for a mod naming a list entry by its index (`plan/6`) after an earlier mod deleted
    /// an entry of that list: the later entries have moved up, so the index may name another one.
    fn index_shifts(&self) -> Vec<DataError> {
        // (target file, list path) → (mod, file, line, column) of the first deletion from it.
        type Deletion = (usize, PathBuf, usize, usize);
        let mut deleted: BTreeMap<(PathBuf, Vec<String>), Deletion> = BTreeMap::new();
        let mut out = Vec::new();
        for (mi, m) in self.mods.iter().enumerate() {
            for (target, p) in &m.patches {
                for op in &p.ops {
                    for (i, seg) in op.path.iter().enumerate() {
                        if seg.parse::<usize>().is_err() {
                            continue;
                        }
                        let list = (target.clone(), op.path[..i].to_vec());
                        if let Some((dm, file, line, col)) = deleted.get(&list)
                            && *dm != mi
                        {
                            out.push(p.error(
                                op.path_at,
                                format!(
                                    "`{}` names an entry of `{}` by its place, but mod `{}` \
                                     ({}:{line}:{col}) deletes an entry of that list first: the \
                                     entries after it have moved up, so this may name another \
                                     one",
                                    op.path.join("/"),
                                    op.path[..i].join("/"),
                                    self.mods[*dm].manifest.id,
                                    file.display()
                                ),
                            ));
                        }
                    }
                }
                for op in p.ops.iter().filter(|o| o.kind == OpKind::Delete) {
                    let parent = op.path[..op.path.len() - 1].to_vec();
                    let (file, line, col) = place(p, op.at);
                    deleted
                        .entry((target.clone(), parent))
                        .or_insert((mi, file, line, col));
                }
            }
        }
        out
    }

    /// The ids of the mods, in load order.
    pub fn ids(&self) -> Vec<String> {
        self.mods.iter().map(|m| m.manifest.id.clone()).collect()
    }

    /// A file's text with every operation of the mods aimed at it applied, in load order.
    pub fn patch(&self, src: SourceText) -> Result<SourceText, DataErrors> {
        let (text, errors) = self.patch_logged(src, &mut Vec::new());
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(DataErrors(errors))
        }
    }

    /// Every operation aimed at the file applied (each noted in `log`), and the errors of those
    /// that could not be: the text has all the others, so the file can still be checked.
    pub fn patch_logged(
        &self,
        mut src: SourceText,
        log: &mut Vec<Applied>,
    ) -> (SourceText, Vec<DataError>) {
        let mut errors = Vec::new();
        if self.mods.is_empty() {
            return (src, errors);
        }
        let Ok(real) = src.path.canonicalize() else {
            return (src, errors);
        };
        for m in &self.mods {
            for (target, p) in &m.patches {
                if *target != real {
                    continue;
                }
                for op in &p.ops {
                    match apply::apply_op(&mut src, p, op) {
                        Ok(created) => {
                            let (file, line, col) = place(p, op.at);
                            log.push(Applied {
                                target: real.clone(),
                                mod_id: m.manifest.id.clone(),
                                kind: op.kind,
                                path: op.path.clone(),
                                fields: op.set.iter().map(|(k, _, _)| k.clone()).collect(),
                                created,
                                file,
                                line,
                                col,
                            });
                        }
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
        (src, errors)
    }
}

/// Reads a mod's patch files and lists its scenarios and campaigns.
fn read_mod(dir: &Path, manifest: &Manifest) -> Result<Mod, Vec<DataError>> {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    crate::fsio::ron_files(&dir.join("patches"), 0, &mut files);
    let mut patches = Vec::new();
    for f in files {
        let src = match SourceText::read(&f) {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let p = match patch::read_patch(f, src.text) {
            Ok(p) => p,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let named = crate::fsio::resolve_named(dir, &p.target_name);
        match crate::fsio::confined(&named, dir) {
            Ok(real) if real.is_file() => patches.push((real, p)),
            Ok(_) => errors.push(p.error(p.target_at, "the target is not a file")),
            Err(why) => errors.push(p.error(
                p.target_at,
                format!(
                    "{why}; a target is a game file (`game:assets/data/equipment.ron`, \
                     `game:scenarios/august_1939.ron`) or a file of this mod"
                ),
            )),
        }
    }
    let mut scenarios = Vec::new();
    crate::fsio::ron_files(&dir.join("scenarios"), 0, &mut scenarios);
    let mut campaigns = Vec::new();
    crate::fsio::ron_files(&dir.join("campaigns"), 0, &mut campaigns);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Mod {
        dir: dir.to_path_buf(),
        manifest: manifest.clone(),
        patches,
        scenarios,
        campaigns,
    })
}
