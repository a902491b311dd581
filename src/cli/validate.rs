//! `khalkhin validate`: check scenario, map and data files, one by one or whole folders.
//!
//! Exit codes: 0 every file is sound; 1 at least one has errors (each printed as
//! `error: FILE:LINE:COLUMN: …` on standard error); 2 the command line was wrong (clap).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Most files one `validate` checks.
const MAX_FILES: usize = 10_000;
/// Deepest folder level searched below a folder given.
const MAX_DEPTH: usize = 8;

/// The `.ron` files below a folder, in name order (not following links to folders).
fn ron_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if out.len() >= MAX_FILES {
            return;
        }
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() && depth < MAX_DEPTH {
            ron_files(&p, depth + 1, out);
        } else if meta.is_file() && p.extension().is_some_and(|x| x == "ron") {
            out.push(p);
        }
    }
}

pub fn validate(paths: &[PathBuf]) -> ExitCode {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            ron_files(p, 0, &mut files);
            if files.len() == before {
                eprintln!("error: {}: no .ron files in this folder", p.display());
                return ExitCode::FAILURE;
            }
        } else {
            files.push(p.clone());
        }
    }
    let (mut ok, mut bad) = (0, 0);
    for p in &files {
        match khalkhin_gol::scenario::validate_file(p) {
            Ok(what) => {
                ok += 1;
                say!("{}: ok ({what})", p.display());
            }
            Err(e) => {
                bad += 1;
                eprintln!("{e}");
            }
        }
    }
    if files.len() > 1 {
        say!("{} files: {ok} sound, {bad} with errors", files.len());
    }
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
