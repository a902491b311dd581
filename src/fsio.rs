//! Writing output files without ever leaving a user's file half-written.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// Writes `contents` to a temporary file beside `path`, then renames it over `path`: an existing file
/// is either left as it was or replaced whole.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path)
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
        let mut tmp = dest.as_os_str().to_owned();
        tmp.push(suffix);
        let tmp = PathBuf::from(tmp);
        Ok(Partial {
            dest: dest.to_path_buf(),
            out: Some(BufWriter::new(File::create(&tmp)?)),
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
