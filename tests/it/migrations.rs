//! Both backends must have the same migrations, folder for folder.

use std::collections::BTreeSet;
use std::path::Path;

fn folders(backend: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_migration_exists_for_both_backends() {
    let sqlite = folders("sqlite");
    let postgres = folders("postgres");
    assert!(!sqlite.is_empty());
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty(),
        "migrations only for SQLite: {only_sqlite:?}"
    );
    assert!(
        only_postgres.is_empty(),
        "migrations only for PostgreSQL: {only_postgres:?}"
    );
    for backend in ["sqlite", "postgres"] {
        for name in &sqlite {
            for file in ["up.sql", "down.sql"] {
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("migrations")
                    .join(backend)
                    .join(name)
                    .join(file);
                assert!(path.is_file(), "missing {}", path.display());
            }
        }
    }
}

#[test]
fn diesel_toml_points_at_an_existing_migration_folder() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("diesel.toml"))
        .expect("diesel.toml");
    let dir = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("dir = "))
        .map(|d| d.trim_matches('"'))
        .expect("diesel.toml names a migrations dir");
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).is_dir(),
        "{dir} does not exist"
    );
}
