//! Reading and writing files safely: input only from regular files of bounded size inside the
//! folders the game may read; output never left half-written.

/// Largest data, scenario, replay or save file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a whole regular file of at most [`MAX_FILE_BYTES`]; a device, pipe or folder is refused
/// before it is opened (so a pipe cannot block and a device cannot be read for ever).
pub fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other(if meta.is_dir() {
            "it is a folder, not a file"
        } else {
            "not a regular file"
        }));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(io::Error::other(format!(
            "{} bytes; the game reads files of at most {MAX_FILE_BYTES} bytes",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::other(format!(
            "more than {MAX_FILE_BYTES} bytes; the game reads files of at most that"
        )));
    }
    Ok(bytes)
}

/// The game's own folder: the one holding `assets/` and `scenarios/` (`$KHALKHIN_HOME` if set, else
/// the current folder or one above the program that has `assets/data`, else the source tree the
/// program was built from).
pub fn game_root() -> PathBuf {
    let has_data = |d: &Path| d.join("assets").join("data").is_dir();
    if let Some(h) = std::env::var_os("KHALKHIN_HOME") {
        return PathBuf::from(h);
    }
    if let Ok(cwd) = std::env::current_dir()
        && has_data(&cwd)
    {
        return cwd;
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(d) = exe.ancestors().skip(1).find(|d| has_data(d))
    {
        return d.to_path_buf();
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The user's folder for the game's files: `$XDG_DATA_HOME/khalkhin-gol`, else
/// `~/.local/share/khalkhin-gol`.
pub fn user_data_dir() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")))?;
    Some(data.join("khalkhin-gol"))
}

/// Where F5 saves a game unless told otherwise: `saves/quicksave.ron` in the user's game folder
/// (`quicksave.ron` in the system's temporary folder when there is no home).
pub fn quicksave_path() -> PathBuf {
    user_data_dir()
        .map(|d| d.join("saves"))
        .unwrap_or_else(std::env::temp_dir)
        .join("quicksave.ron")
}

/// The prefix of a path in a scenario that names a file of the game itself, wherever the scenario
/// lives: `game:assets/data/rules.ron` is `assets/data/rules.ron` in the game's folder.
pub const GAME_PREFIX: &str = "game:";

/// The file a scenario in `dir` names as `rel`: `game:` paths in the game's folder, others beside
/// the scenario.
pub fn resolve_named(dir: &Path, rel: &str) -> PathBuf {
    match rel.strip_prefix(GAME_PREFIX) {
        Some(inside) => game_root().join(inside),
        None => dir.join(rel),
    }
}

/// The file a scenario path on the command line or in a save names: `game:REL` in the game's
/// folder (only a plain relative path: a `game:` path that would leave the folder, by `..` or
/// from the root, is left as it is and so cannot be read); a relative path that is not in the
/// current folder but is in the game's folder there (`khalkhin play scenarios/august_1939.ron`
/// works from any folder); any other path as it is.
pub fn locate(path: &Path) -> PathBuf {
    if let Some(rel) = path.to_str().and_then(|p| p.strip_prefix(GAME_PREFIX)) {
        let inside = Path::new(rel).components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
        return if inside {
            game_root().join(rel)
        } else {
            path.to_path_buf()
        };
    }
    if path.is_relative() && !path.exists() {
        let inside = game_root().join(path);
        if inside.exists() {
            return inside;
        }
    }
    path.to_path_buf()
}

/// A path as messages show it: `game:REL` inside the game's folder, else as it is.
pub fn shown(path: &Path) -> String {
    let root = game_root();
    let root = root.canonicalize().unwrap_or(root);
    match path.strip_prefix(&root) {
        Ok(rel) => format!("{GAME_PREFIX}{}", rel.display()),
        Err(_) => path.display().to_string(),
    }
}

/// Where a file named in a scenario or a save may be: inside `own` (the naming file's folder), the
/// game's folder or the user's game folder, after links are resolved. Returns the resolved path, or
/// why not (without reading the file).
pub fn confined(path: &Path, own: &Path) -> Result<PathBuf, String> {
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let roots = [Some(own.to_path_buf()), Some(game_root()), user_data_dir()];
    let inside = roots
        .iter()
        .flatten()
        .filter_map(|r| r.canonicalize().ok())
        .any(|r| real.starts_with(&r));
    if inside {
        Ok(real)
    } else {
        Err(format!(
            "`{}` is outside the folders the game reads (the scenario's own folder, the game's \
             folder {} and the user's game folder): refused",
            path.display(),
            game_root().display()
        ))
    }
}

/// Moves a user's file out of the way instead of overwriting it: `NAME.ron` becomes
/// `NAME.TAG.ron` (or `NAME.TAG-2.ron`, `-3`… when that is taken). Returns the new path.
pub fn set_aside(path: &Path, tag: &str) -> io::Result<PathBuf> {
    let stem = path
        .file_stem()
        .ok_or_else(|| io::Error::other("no file name"))?
        .to_string_lossy()
        .into_owned();
    let ext = path
        .extension()
        .map_or(String::new(), |e| format!(".{}", e.to_string_lossy()));
    for n in 1..1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let aside = path.with_file_name(format!("{stem}.{tag}{suffix}{ext}"));
        if !aside.exists() {
            std::fs::rename(path, &aside)?;
            return Ok(aside);
        }
    }
    Err(io::Error::other("no free name to set the file aside"))
}

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// Writes `contents` to a temporary file beside `path`, then renames it over `path`: an existing file
/// is either left as it was or replaced whole.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut p = Partial::create(path, ".partial")?;
    p.w().write_all(contents.as_bytes())?;
    p.commit()
}

/// Removes the temporary files (or folders) a run that was killed left in `dir`: named `prefix`, a
/// process id, `-` and a count, whose process no longer runs (Linux: no `/proc/PID`).
pub fn remove_stale(dir: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let Some((pid, count)) = rest.split_once('-') else {
            continue;
        };
        let ours = pid.parse::<u32>().is_ok() && count.parse::<u32>().is_ok();
        if ours
            && pid.parse::<u32>() != Ok(std::process::id())
            && !Path::new("/proc").join(pid).exists()
        {
            match e.file_type() {
                Ok(t) if t.is_file() => {
                    let _ = std::fs::remove_file(e.path());
                }
                Ok(t) if t.is_dir() => {
                    let _ = std::fs::remove_dir_all(e.path());
                }
                _ => {}
            }
        }
    }
}

/// A new file beside `dest` for writing it: a hidden name made of `dest`'s, `suffix`, this
/// process's id and a count, created only if no file has that name (so no file of the user's is
/// ever overwritten or removed in its place).
fn new_temp(dest: &Path, suffix: &str) -> io::Result<(PathBuf, File)> {
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .ok_or_else(|| io::Error::other("no file name"))?
        .to_string_lossy();
    remove_stale(dir, &format!(".{name}{suffix}-"));
    for n in 0..1000 {
        let tmp = dir.join(format!(".{name}{suffix}-{}-{n}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for a temporary file"))
}

/// A file being written beside `dest`, renamed over it by [`Partial::commit`]; removed if dropped
/// uncommitted (an error, an interrupted run).
pub struct Partial {
    dest: PathBuf,
    pub tmp: PathBuf,
    out: Option<BufWriter<File>>,
}

impl Partial {
    pub fn create(dest: &Path, suffix: &str) -> io::Result<Partial> {
        let (tmp, file) = new_temp(dest, suffix)?;
        Ok(Partial {
            dest: dest.to_path_buf(),
            out: Some(BufWriter::new(file)),
            tmp,
        })
    }

    pub fn w(&mut self) -> &mut BufWriter<File> {
        self.out.as_mut().expect("an open partial file")
    }

    /// Flushes and closes the file (it stays on disk until committed or dropped).
    pub fn close(&mut self) -> io::Result<()> {
        if let Some(out) = self.out.take() {
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        Ok(())
    }

    pub fn commit(mut self) -> io::Result<()> {
        self.close()?;
        std::fs::rename(&self.tmp, &self.dest)
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        self.out = None;
        if self.tmp.exists() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Most `.ron` files gathered from one folder.
pub const MAX_FILES: usize = 10_000;
/// Deepest folder level searched below a folder given.
pub const MAX_DEPTH: usize = 8;

/// The `.ron` files below a folder, in name order (not following links to folders).
pub fn ron_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
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
        } else if meta.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ron")) {
            out.push(p);
        }
    }
}
