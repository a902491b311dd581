//! `khalkhin validate`: check scenario, map and data files, mods and whole folders, reporting every
//! problem at once with its place and an excerpt of the line.
//!
//! Exit codes: 0 every file is sound (warnings may be printed); 1 at least one has errors (each
//! printed as `error: FILE:LINE:COLUMN: …` on standard error, the line below it); 2 the command
//! line was wrong (clap).
//!
//! A folder holding `mod.ron` is a mod: its manifest and patch files are read, and every scenario
//! of the game and of the mod is checked as the mod (with the `--mod` mods) changes it. Other
//! folders are searched for `.ron` files; mods found in them are checked as mods.

use khalkhin_gol::error::{DataError, DataErrors, excerpt};
use khalkhin_gol::mods::ModSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What one `validate` found.
#[derive(Default)]
struct Tally {
    sound: usize,
    bad: usize,
    warnings: usize,
}

/// A problem on standard error: its severity, place and message, the line below it.
pub fn print(severity: &str, e: &DataError) {
    eprintln!("{severity}: {e}");
    if let Some(x) = excerpt(e) {
        eprintln!("{x}");
    }
}

/// Every error of a failed load on standard error, each with the line below it.
pub fn print_errors(errors: &DataErrors) {
    for e in &errors.0 {
        print("error", e);
    }
}

impl Tally {
    fn file(&mut self, name: &Path, result: Result<String, Vec<DataError>>) {
        match result {
            Ok(what) => {
                self.sound += 1;
                say!("{}: ok ({what})", name.display());
            }
            Err(errors) => {
                self.bad += 1;
                for e in &errors {
                    print("error", e);
                }
            }
        }
    }

    fn warn(&mut self, warnings: &[DataError]) {
        for w in warnings {
            self.warnings += 1;
            print("warning", w);
        }
    }
}

/// Plain files and mod folders below the paths given.
fn gather(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), String> {
    let (mut files, mut mods) = (Vec::new(), Vec::new());
    for p in paths {
        if p.join("mod.ron").is_file() {
            mods.push(p.clone());
        } else if p.is_dir() {
            let mut found = Vec::new();
            khalkhin_gol::fsio::ron_files(p, 0, &mut found);
            let mut in_mods: Vec<PathBuf> = Vec::new();
            for f in found {
                // A file inside a mod is checked with its mod.
                let owner = f
                    .ancestors()
                    .skip(1)
                    .take_while(|a| a.starts_with(p))
                    .find(|a| a.join("mod.ron").is_file());
                match owner {
                    Some(m) if !in_mods.iter().any(|x| x == m) => in_mods.push(m.to_path_buf()),
                    Some(_) => {}
                    None => files.push(f),
                }
            }
            if files.is_empty() && in_mods.is_empty() {
                return Err(format!("{}: no .ron files in this folder", p.display()));
            }
            mods.extend(in_mods);
        } else if let Some(m) = p
            .ancestors()
            .skip(1)
            .take(3)
            .find(|a| a.join("mod.ron").is_file())
        {
            // A manifest or patch file is checked with its mod.
            if !mods.iter().any(|x| x == m) {
                mods.push(m.to_path_buf());
            }
        } else {
            files.push(p.clone());
        }
    }
    Ok((files, mods))
}

/// The game's own scenarios and campaigns.
fn game_scenarios() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for dir in ["scenarios", "campaigns"] {
        khalkhin_gol::fsio::ron_files(&khalkhin_gol::fsio::game_root().join(dir), 0, &mut v);
    }
    // Shown as from the current folder where they are below it.
    let here = std::env::current_dir().unwrap_or_default();
    v.into_iter()
        .map(|p| p.strip_prefix(&here).map(Path::to_path_buf).unwrap_or(p))
        .collect()
}

/// Checks one mod (loaded with the `--mod` mods): its files, then every scenario as it changes them.
fn check_mod(dir: &Path, tally: &mut Tally) {
    let mut dirs: Vec<PathBuf> = super::mods().mods.iter().map(|m| m.dir.clone()).collect();
    let real = dir.canonicalize().unwrap_or(dir.to_path_buf());
    if !dirs.contains(&real) {
        dirs.push(real.clone());
    }
    let set = match ModSet::load(&dirs) {
        Ok(s) => s,
        Err(e) => {
            tally.file(dir, Err(e.0));
            return;
        }
    };
    tally.warn(&set.warnings);
    let this = set.mods.iter().find(|m| m.dir == real).expect("loaded");
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    say!(
        "{}: mod `{}` {} ({}, {}, {})",
        dir.display(),
        this.manifest.id,
        this.manifest.version,
        count(this.patches.len(), "patch file"),
        count(this.scenarios.len(), "scenario"),
        count(this.campaigns.len(), "campaign")
    );
    let mut scenarios = game_scenarios();
    scenarios.extend(this.scenarios.iter().cloned());
    scenarios.extend(this.campaigns.iter().cloned());
    for s in scenarios {
        let r = khalkhin_gol::campaign::validate_file_with(&s, &set).map_err(|e| e.0);
        tally.file(
            &s,
            r.map(|w| format!("{w}, with mod `{}`", this.manifest.id)),
        );
    }
}

pub fn validate(paths: &[PathBuf], explain: Option<&str>) -> ExitCode {
    if let Some(id) = explain {
        return super::explain::explain(id, paths);
    }
    let (files, mods) = match gather(paths) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut tally = Tally::default();
    let with = if super::mods().is_empty() {
        String::new()
    } else {
        format!(", with mods {}", super::mods().ids().join(", "))
    };
    for p in &files {
        let r = khalkhin_gol::campaign::validate_file_with(p, super::mods()).map_err(|e| e.0);
        tally.file(p, r.map(|w| format!("{w}{with}")));
    }
    for m in &mods {
        check_mod(m, &mut tally);
    }
    let checked = tally.sound + tally.bad;
    if checked > 1 || tally.warnings > 0 {
        say!(
            "{checked} files: {} sound, {} with errors; {} warning{}",
            tally.sound,
            tally.bad,
            tally.warnings,
            if tally.warnings == 1 { "" } else { "s" }
        );
    }
    if tally.bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
