//! Writing output files without ever leaving a user's file half-written.

use std::path::Path;

/// Writes `contents` to a temporary file beside `path`, then renames it over `path`: an existing file
/// is either left as it was or replaced whole.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path)
}
