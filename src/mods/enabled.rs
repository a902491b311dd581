//! The mods the player has enabled in the window, kept between games in the user's settings
//! folder: `$XDG_CONFIG_HOME/khalkhin-gol/mods.ron`, else `~/.config/khalkhin-gol/mods.ron`, as
//! `(enabled: ["tanks_stay"])`. The command line does not read it: `--mod` names a run's mods.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnabledFile {
    enabled: Vec<String>,
}

/// The user's settings folder for the game.
pub fn settings_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
        .map(|d| d.join("khalkhin-gol"))
}

fn file() -> Option<PathBuf> {
    settings_dir().map(|d| d.join("mods.ron"))
}

/// The ids of the enabled mods (none when the file is missing); a broken file is an error naming
/// its place.
pub fn load_enabled() -> Result<Vec<String>, String> {
    let Some(path) = file() else {
        return Ok(Vec::new());
    };
    if !path.exists() {
        return Ok(Vec::new());
    }
    let src = crate::error::SourceText::read(&path).map_err(|e| e.to_string())?;
    let f: EnabledFile = src.parse().map_err(|e| e.to_string())?;
    Ok(f.enabled)
}

/// Keeps the enabled mods' ids.
pub fn save_enabled(ids: &[String]) -> Result<(), String> {
    let path = file().ok_or("no home folder to keep settings in")?;
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    let text = ron::ser::to_string_pretty(
        &EnabledFile {
            enabled: ids.to_vec(),
        },
        ron::ser::PrettyConfig::default(),
    )
    .map_err(|e| e.to_string())?;
    crate::fsio::write_atomically(&path, &text)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
