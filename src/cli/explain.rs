//! `khalkhin validate --explain ID`: where a value came from — the base file, then each mod that
//! created, changed, replaced or deleted it — and what the game reads now.

use khalkhin_gol::mods::ModSet;
use khalkhin_gol::mods::explain::{default_files, explain as explain_id, shown};
use std::path::PathBuf;
use std::process::ExitCode;

/// Explains `id` in the files given (default: the game's data and scenarios and the mods'
/// scenarios), with the `--mod` mods and the mods among `paths`.
pub fn explain(id: &str, paths: &[PathBuf]) -> ExitCode {
    let mut dirs: Vec<PathBuf> = super::mods().mods.iter().map(|m| m.dir.clone()).collect();
    let mut files = Vec::new();
    for p in paths {
        if p.join("mod.ron").is_file() {
            dirs.push(p.canonicalize().unwrap_or(p.clone()));
        } else if p.is_dir() {
            khalkhin_gol::fsio::ron_files(p, 0, &mut files);
        } else {
            files.push(p.clone());
        }
    }
    dirs.dedup();
    let mods = match ModSet::load(&dirs) {
        Ok(m) => m,
        Err(e) => {
            super::validate::print_errors(&e);
            return ExitCode::FAILURE;
        }
    };
    if files.is_empty() {
        files = default_files(&mods);
    }
    let found = explain_id(&mods, &files, id);
    if found.is_empty() {
        eprintln!(
            "error: no entry `{id}` in {} files searched{}",
            files.len(),
            if mods.is_empty() {
                " (no mods loaded: add `--mod MOD` to see a mod's changes)"
            } else {
                ""
            }
        );
        return ExitCode::FAILURE;
    }
    for e in &found {
        say!("{}", shown(&e.file, &e.path));
        match e.written {
            Some((line, col)) => say!("  written in {}:{line}:{col}", e.file.display()),
            None => say!("  not in the file as shipped"),
        }
        for c in &e.changes {
            let fields = if c.fields.is_empty() {
                String::new()
            } else {
                format!(" {}", c.fields.join(", "))
            };
            say!(
                "  {}{fields} by mod `{}` at {}:{}:{}",
                c.kind.key(),
                c.mod_id,
                c.file.display(),
                c.line,
                c.col
            );
        }
        match &e.now {
            Some(v) => say!("  now: {}", cut(v)),
            None => say!("  now: deleted"),
        }
        for f in &e.failed {
            say!("  not applied: {f}");
        }
    }
    if found
        .iter()
        .any(|e| !e.changes.is_empty() || !e.failed.is_empty())
    {
        say!(
            "(`now` is the text the mods leave; `khalkhin validate` with the same mods checks that \
             the game accepts it)"
        );
    }
    if found.iter().any(|e| !e.failed.is_empty()) {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// A value shown on one line, at most 300 characters.
fn cut(v: &str) -> String {
    let flat: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 300 {
        format!("{}…", flat.chars().take(300).collect::<String>())
    } else {
        flat
    }
}
