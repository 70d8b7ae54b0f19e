//! Database URLs, parsed once: which backend, and how to show one without its password.

use std::path::PathBuf;

use super::{Backend, DbError};

/// A database URL, parsed once: `sqlite://PATH`, a plain file path, or `postgres://…`
/// (`postgresql://…`).
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

/// What `--database-url` accepts, for error messages.
pub const ACCEPTED_URLS: &str = "sqlite://PATH, a plain file path, or postgres://USER@HOST/DB";

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, DbError> {
        let bad = |problem: String| DbError::BadUrl {
            problem,
            accepted: ACCEPTED_URLS,
        };
        let url = url.trim();
        if url.is_empty() {
            return Err(bad("the database URL is empty".into()));
        }
        if let Err(e) = crate::domain::text::single_line(url) {
            return Err(bad(format!("the database URL {e}")));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(bad("sqlite:// names no file".into()));
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some(scheme) = scheme_of(url) {
            return Err(bad(format!("unknown database scheme `{scheme}:`")));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(url)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }

    /// The URL for logs and messages: a PostgreSQL password is replaced by `***`.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => path.display().to_string(),
            DatabaseUrl::Postgres(url) => redact_password(url),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    // Debug output ends up in logs: never show a password there either.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

/// `scheme` when `text` starts with an RFC 3986 scheme and `:` (`mysql://…`, `file:x`). A single
/// letter is a Windows drive (`C:\db`), not a scheme.
fn scheme_of(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && scheme.len() > 1).then_some(scheme)
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_backend_and_unknown_schemes_are_refused() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/g.db").ok(),
            Some(DatabaseUrl::Sqlite("/var/lib/g.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("data/guichet.db").ok(),
            Some(DatabaseUrl::Sqlite("data/guichet.db".into()))
        );
        assert_eq!(
            Backend::of_url("postgresql://h/db").ok(),
            Some(Backend::Postgres)
        );
        for bad in [
            "mysql://root@localhost/x",
            "file:x.db",
            "sqlite://",
            " ",
            "g.db\u{1b}",
        ] {
            let err = DatabaseUrl::parse(bad).expect_err(bad).to_string();
            assert!(
                err.contains("sqlite://PATH") && err.contains("postgres://"),
                "{err}"
            );
        }
        let err = DatabaseUrl::parse("mysql://root@localhost/x")
            .expect_err("mysql")
            .to_string();
        assert!(err.contains("`mysql:`"), "{err}");
    }

    #[test]
    fn a_password_never_shows() {
        let url = DatabaseUrl::parse("postgres://app:s3cret@db.internal:5432/desk?sslmode=require")
            .expect("url");
        assert_eq!(
            url.redacted(),
            "postgres://app:***@db.internal:5432/desk?sslmode=require"
        );
        assert!(!format!("{url:?}").contains("s3cret"));
        let plain = DatabaseUrl::parse("postgres://postgres@127.0.0.1/test").expect("url");
        assert_eq!(plain.redacted(), "postgres://postgres@127.0.0.1/test");
    }
}
