//! `khalkhin validate`: check scenario, map and data files.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn validate(paths: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for p in paths {
        match khalkhin_gol::scenario::validate_file(p) {
            Ok(what) => say!("{}: ok ({what})", p.display()),
            Err(e) => {
                failed = true;
                eprintln!("{e}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
