//! Files only their owner may read: the data directory (0700), the database and its WAL (0600)
//! and the key file (0600). Another local user must not be able to copy the desk's data or key.

use std::io;
use std::path::Path;

/// Creates `dir` and any missing parents with mode 0700. An existing folder is left as it is:
/// its owner chose its mode.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Creates an empty file with mode 0600 unless it exists. Returns whether it was created.
pub fn create_private_file(path: &Path) -> io::Result<bool> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// The permission bits of `path` that let group or others in (0 when there are none, or on a
/// system without Unix modes).
pub fn open_to_others(meta: &std::fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o077
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0
    }
}

/// The full permission bits, for messages (`0644`).
pub fn mode(meta: &std::fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0o600
    }
}

/// Takes group and other permissions away from an existing file (a database created by an
/// older version, or restored from a backup with a loose mode). A missing file is fine.
pub fn restrict_to_owner(path: &Path) -> io::Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if open_to_others(&meta) == 0 {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = mode(&meta) & 0o700;
        tracing::info!(path = %path.display(), "restricting the file to its owner");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}
