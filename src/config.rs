//! Configuration, resolved once at start-up from layers, highest first:
//! command-line flag > `GUICHET_*` environment variable > `guichet.toml` in the data directory >
//! a setting saved from the admin pages (the `settings` table) > the default below.
//!
//! Every value is parsed into its type here, at the edge; an unparsable value stops start-up with
//! a message naming the key and the layer it came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::db::SqliteSync;
use crate::domain::business_hours::{BusinessHours, BusinessHoursError};
use crate::domain::lifecycle::LifecyclePolicy;
use crate::i18n::Lang;

/// Every setting guichet knows: key, default, and what it is for (shown by `guichet settings`
/// and the README). Keys are lower snake case; the variable is `GUICHET_` + the key upper-cased.
pub const SETTINGS: &[(&str, &str, &str)] = &[
    (
        "bind",
        "127.0.0.1:8080",
        "address the web server listens on",
    ),
    (
        "public_url",
        "",
        "base URL of the desk in links (default: http://BIND)",
    ),
    (
        "default_language",
        "en",
        "language when a customer states none: en or fr",
    ),
    (
        "time_zone",
        "Europe/Paris",
        "the desk's time zone (IANA name)",
    ),
    (
        "business_days",
        "mon-fri",
        "business days, e.g. mon-fri or mon,tue,thu",
    ),
    (
        "business_hours",
        "09:00-18:00",
        "business hours of each business day",
    ),
    (
        "requeue_on_reply",
        "true",
        "a customer message on a waiting ticket moves it to the back",
    ),
    (
        "reopen_days",
        "7",
        "days a resolved ticket can be reopened by a customer message",
    ),
    (
        "autoresolve_days",
        "14",
        "days without customer reply before waiting tickets resolve",
    ),
    (
        "needs_info_days",
        "14",
        "days before an uncompleted needs_info ticket is closed",
    ),
    (
        "free_support_days",
        "30",
        "default free support days of new products",
    ),
    (
        "max_support_months",
        "12",
        "default cap of support, months after purchase",
    ),
    (
        "releases_back",
        "2",
        "default count of supported releases below the latest",
    ),
    (
        "sqlite_synchronous",
        "normal",
        "SQLite durability: normal, or full for power loss",
    ),
    ("pool_size", "8", "database connections per process"),
    (
        "max_body_bytes",
        "262144",
        "largest accepted JSON request body, in bytes",
    ),
    (
        "auto_mail_limit",
        "10",
        "automatic mails to one address per window",
    ),
    (
        "auto_mail_window_minutes",
        "180",
        "the window of auto_mail_limit",
    ),
    (
        "rate_limits",
        "true",
        "enforce rate limits (off for benchmarks only)",
    ),
    (
        "cookie_secure",
        "auto",
        "Secure cookies: true, false, or auto (true behind https)",
    ),
    ("log", "info", "log filter (tracing-subscriber syntax)"),
];

/// Where a value came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env(String),
    File(PathBuf),
    Saved,
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag => write!(f, "the command line"),
            Source::Env(var) => write!(f, "environment variable {var}"),
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Saved => write!(f, "the saved settings"),
            Source::Default => write!(f, "the default"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("setting `{key}` from {origin}: {problem}")]
    Invalid {
        key: String,
        origin: Source,
        problem: String,
    },
    #[error("{path}: {problem}")]
    File { path: PathBuf, problem: String },
}

/// The raw layers, before parsing.
#[derive(Debug, Default, Clone)]
pub struct Layers {
    pub flags: BTreeMap<String, String>,
    pub env: BTreeMap<String, String>,
    pub file: BTreeMap<String, String>,
    pub file_path: Option<PathBuf>,
    pub saved: BTreeMap<String, String>,
}

impl Layers {
    /// Reads the `GUICHET_*` variables for known keys from the process environment.
    pub fn from_env() -> BTreeMap<String, String> {
        SETTINGS
            .iter()
            .filter_map(|(key, _, _)| {
                std::env::var(env_var(key))
                    .ok()
                    .map(|v| (key.to_string(), v))
            })
            .collect()
    }

    /// Logs a warning for each `GUICHET_*` variable of the process that guichet does not know.
    pub fn warn_unknown_env() {
        let names: Vec<String> = std::env::vars_os()
            .filter_map(|(name, _)| name.into_string().ok())
            .collect();
        for name in unknown_variables(names.iter().map(String::as_str)) {
            tracing::warn!(
                variable = %name,
                "unknown environment variable {name} ignored; `guichet --help` and the README list the settings"
            );
        }
    }

    /// Reads `guichet.toml` from the data directory when it exists. Unknown keys are an error,
    /// so a typo does not silently leave a default in force.
    pub fn read_file(
        data_dir: &Path,
    ) -> Result<(BTreeMap<String, String>, Option<PathBuf>), ConfigError> {
        let path = data_dir.join("guichet.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((BTreeMap::new(), None));
            }
            Err(e) => {
                return Err(ConfigError::File {
                    path,
                    problem: e.to_string(),
                });
            }
        };
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::File {
                path: path.clone(),
                problem: match toml_line(&text, &e) {
                    Some(line) => format!("line {line}: {}", e.message()),
                    None => e.message().to_string(),
                },
            })?;
        let mut out = BTreeMap::new();
        for (key, value) in table {
            if !is_known(&key) {
                return Err(ConfigError::File {
                    path,
                    problem: format!("unknown setting `{key}`"),
                });
            }
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                toml::Value::Float(f) => f.to_string(),
                other => {
                    return Err(ConfigError::File {
                        path,
                        problem: format!(
                            "`{key}` must be a string, number or boolean, not {}",
                            other.type_str()
                        ),
                    });
                }
            };
            out.insert(key, text);
        }
        Ok((out, Some(path)))
    }

    /// The value in force for `key` and where it came from.
    pub fn get(&self, key: &str) -> (String, Source) {
        if let Some(v) = self.flags.get(key) {
            return (v.clone(), Source::Flag);
        }
        if let Some(v) = self.env.get(key) {
            return (v.clone(), Source::Env(env_var(key)));
        }
        if let Some(v) = self.file.get(key) {
            let path = self
                .file_path
                .clone()
                .unwrap_or_else(|| PathBuf::from("guichet.toml"));
            return (v.clone(), Source::File(path));
        }
        if let Some(v) = self.saved.get(key) {
            return (v.clone(), Source::Saved);
        }
        let default = SETTINGS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, d, _)| d.to_string())
            .unwrap_or_default();
        (default, Source::Default)
    }

    fn parse<T>(
        &self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, ConfigError> {
        let (raw, source) = self.get(key);
        parse(raw.trim()).map_err(|problem| ConfigError::Invalid {
            key: key.to_string(),
            origin: source,
            problem,
        })
    }
}

pub fn env_var(key: &str) -> String {
    format!("GUICHET_{}", key.to_ascii_uppercase())
}

pub fn is_known(key: &str) -> bool {
    SETTINGS.iter().any(|(k, _, _)| *k == key)
}

/// `HOST:PORT` where HOST is an address or a name (`localhost:8096`), checked by resolving it.
fn parse_bind(s: &str) -> Result<String, String> {
    use std::net::ToSocketAddrs;
    let expected =
        || format!("expected HOST:PORT such as 127.0.0.1:8080 or localhost:8080, got {s:?}");
    if s.parse::<std::net::SocketAddr>().is_ok() {
        return Ok(s.to_string());
    }
    let (host, port) = s.rsplit_once(':').ok_or_else(expected)?;
    if host.is_empty() || port.parse::<u16>().is_err() {
        return Err(expected());
    }
    match s.to_socket_addrs() {
        Ok(addrs) if addrs.len() > 0 => Ok(s.to_string()),
        Ok(_) => Err(format!("{host:?} resolves to no address")),
        Err(e) => Err(format!("cannot resolve {host:?}: {e}")),
    }
}

fn parse_u32(s: &str) -> Result<u32, String> {
    s.parse()
        .map_err(|_| format!("expected a whole number, got {s:?}"))
}

fn parse_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!("expected true or false, got {s:?}")),
    }
}

/// Settings that shape the server and the policy, fully parsed.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub bind: String,
    pub public_url: String,
    pub default_language: Lang,
    pub business_hours: BusinessHours,
    pub lifecycle: LifecyclePolicy,
    pub autoresolve_days: u32,
    pub needs_info_days: u32,
    pub free_support_days: u32,
    pub max_support_months: u32,
    pub releases_back: u32,
    pub sqlite_sync: SqliteSync,
    pub pool_size: u32,
    pub max_body_bytes: usize,
    pub auto_mail_limit: u32,
    pub auto_mail_window: Duration,
    pub rate_limits: bool,
    pub cookie_secure: bool,
    pub log: String,
}

impl Config {
    /// Parses every setting from the layers.
    pub fn resolve(
        data_dir: PathBuf,
        database_url: String,
        layers: &Layers,
    ) -> Result<Config, ConfigError> {
        let bind = layers.parse("bind", parse_bind)?;
        let public_url = layers.parse("public_url", |s| {
            if s.is_empty() {
                Ok(format!("http://{bind}"))
            } else if s.starts_with("http://") || s.starts_with("https://") {
                Ok(s.trim_end_matches('/').to_string())
            } else {
                Err(format!("expected an http(s) URL, got {s:?}"))
            }
        })?;
        let default_language = layers.parse("default_language", |s| {
            Lang::parse(s).ok_or_else(|| format!("expected en or fr, got {s:?}"))
        })?;
        let business_hours = business_hours(layers)?;
        let sqlite_sync = layers.parse("sqlite_synchronous", |s| {
            match s.to_ascii_lowercase().as_str() {
                "normal" => Ok(SqliteSync::Normal),
                "full" => Ok(SqliteSync::Full),
                _ => Err(format!("expected normal or full, got {s:?}")),
            }
        })?;
        let cookie_secure = layers.parse("cookie_secure", |s| {
            if s.eq_ignore_ascii_case("auto") {
                Ok(public_url.starts_with("https://"))
            } else {
                parse_bool(s)
            }
        })?;
        let pool_size = layers.parse("pool_size", |s| {
            parse_u32(s).and_then(|n| {
                if n == 0 {
                    Err("must be at least 1".into())
                } else {
                    Ok(n)
                }
            })
        })?;
        Ok(Config {
            data_dir,
            database_url,
            public_url: public_url.clone(),
            bind,
            default_language,
            business_hours,
            lifecycle: LifecyclePolicy {
                reopen_days: layers.parse("reopen_days", parse_u32)?,
                requeue_on_reply: layers.parse("requeue_on_reply", parse_bool)?,
            },
            autoresolve_days: layers.parse("autoresolve_days", parse_u32)?,
            needs_info_days: layers.parse("needs_info_days", parse_u32)?,
            free_support_days: layers.parse("free_support_days", parse_u32)?,
            max_support_months: layers.parse("max_support_months", parse_u32)?,
            releases_back: layers.parse("releases_back", parse_u32)?,
            sqlite_sync,
            pool_size,
            max_body_bytes: layers.parse("max_body_bytes", |s| parse_u32(s).map(|n| n as usize))?,
            auto_mail_limit: layers.parse("auto_mail_limit", parse_u32)?,
            auto_mail_window: Duration::from_secs(
                u64::from(layers.parse("auto_mail_window_minutes", parse_u32)?) * 60,
            ),
            rate_limits: layers.parse("rate_limits", parse_bool)?,
            cookie_secure,
            log: layers.get("log").0,
        })
    }
}

/// The desk's schedule from its three settings. Each part is checked on its own, so the error
/// names the one key that is wrong and where its value came from.
fn business_hours(layers: &Layers) -> Result<BusinessHours, ConfigError> {
    let (tz, _) = layers.get("time_zone");
    let (days, _) = layers.get("business_days");
    let (hours, _) = layers.get("business_hours");
    BusinessHours::parse(tz.trim(), days.trim(), hours.trim()).map_err(|e| {
        let key = match e {
            BusinessHoursError::TimeZone(_) => "time_zone",
            BusinessHoursError::Days(_) => "business_days",
            BusinessHoursError::Hours(_) => "business_hours",
        };
        ConfigError::Invalid {
            key: key.into(),
            origin: layers.get(key).1,
            problem: e.to_string(),
        }
    })
}

/// `GUICHET_*` variables that are read but are not settings.
pub const OTHER_VARIABLES: &[&str] = &[
    "GUICHET_DATA_DIR",
    "GUICHET_DATABASE_URL",
    "GUICHET_SECRET_KEY",
    // Read by `guichet poll`.
    "GUICHET_IMAP_URL",
];

/// The `GUICHET_*` variable names among `names` that guichet does not know (a typo such as
/// `GUICHET_REOPEN_DAYZ` would otherwise leave the default in force without a word).
/// `GUICHET_TEST_*` belongs to the test suite.
pub fn unknown_variables<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    names
        .into_iter()
        .filter(|name| name.starts_with("GUICHET_") && !name.starts_with("GUICHET_TEST_"))
        .filter(|name| !OTHER_VARIABLES.contains(name))
        .filter(|name| !SETTINGS.iter().any(|(key, _, _)| env_var(key) == *name))
        .map(str::to_string)
        .collect()
}

/// Where a toml parse error is, as `line N` (1-based), from the byte span the parser reports.
fn toml_line(text: &str, error: &toml::de::Error) -> Option<usize> {
    let start = error.span()?.start.min(text.len());
    Some(
        text.as_bytes()[..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1,
    )
}

/// The default database: SQLite in the data directory.
pub fn default_database_url(data_dir: &Path) -> String {
    data_dir.join("guichet.db").to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layers() -> Layers {
        Layers::default()
    }

    #[test]
    fn defaults_resolve() {
        let c =
            Config::resolve("d".into(), "d/guichet.db".into(), &layers()).expect("defaults parse");
        assert_eq!(c.bind, "127.0.0.1:8080");
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
        assert_eq!(c.lifecycle.reopen_days, 7);
        assert!(c.lifecycle.requeue_on_reply);
        assert_eq!(c.sqlite_sync, SqliteSync::Normal);
        assert!(!c.cookie_secure);
    }

    #[test]
    fn flag_beats_env_beats_file_beats_saved() {
        let mut l = layers();
        l.saved.insert("reopen_days".into(), "1".into());
        assert_eq!(l.get("reopen_days").0, "1");
        l.file.insert("reopen_days".into(), "2".into());
        assert_eq!(l.get("reopen_days").0, "2");
        l.env.insert("reopen_days".into(), "3".into());
        assert_eq!(l.get("reopen_days").0, "3");
        l.flags.insert("reopen_days".into(), "4".into());
        assert_eq!(l.get("reopen_days"), ("4".into(), Source::Flag));
    }

    #[test]
    fn bad_value_names_key_and_source() {
        let mut l = layers();
        l.env.insert("reopen_days".into(), "seven".into());
        let err = Config::resolve("d".into(), "x".into(), &l).expect_err("must fail");
        let text = err.to_string();
        assert!(text.contains("reopen_days"), "{text}");
        assert!(text.contains("GUICHET_REOPEN_DAYS"), "{text}");
    }

    #[test]
    fn a_bad_business_hours_part_names_its_own_key_and_source() {
        let mut l = layers();
        l.env.insert("business_hours".into(), "9-18".into());
        let err = Config::resolve("d".into(), "x".into(), &l)
            .expect_err("9-18 is not HH:MM-HH:MM")
            .to_string();
        assert!(
            err.starts_with(
                "setting `business_hours` from environment variable GUICHET_BUSINESS_HOURS:"
            ),
            "{err}"
        );
        assert!(
            !err.contains("time_zone") && !err.contains("business_days"),
            "{err}"
        );
        let mut l = layers();
        l.file.insert("time_zone".into(), "Mars/Olympus".into());
        let err = Config::resolve("d".into(), "x".into(), &l)
            .expect_err("no such zone")
            .to_string();
        assert!(
            err.starts_with("setting `time_zone` from guichet.toml:"),
            "{err}"
        );
        let mut l = layers();
        l.flags.insert("business_days".into(), "someday".into());
        let err = Config::resolve("d".into(), "x".into(), &l)
            .expect_err("no such day")
            .to_string();
        assert!(
            err.starts_with("setting `business_days` from the command line:"),
            "{err}"
        );
    }

    #[test]
    fn unknown_guichet_variables_are_named() {
        let names = [
            "GUICHET_REOPEN_DAYZ",
            "GUICHET_REOPEN_DAYS",
            "GUICHET_DATA_DIR",
            "GUICHET_DATABASE_URL",
            "GUICHET_SECRET_KEY",
            "GUICHET_TEST_POSTGRES_URL",
            "HOME",
        ];
        assert_eq!(unknown_variables(names), vec!["GUICHET_REOPEN_DAYZ"]);
    }

    #[test]
    fn a_toml_syntax_error_gives_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("guichet.toml"),
            "reopen_days = 3\n# a comment\nbusiness_hours = 09:00-18:00\n",
        )
        .expect("write");
        let err = Layers::read_file(dir.path())
            .expect_err("unquoted time range")
            .to_string();
        assert!(err.contains("guichet.toml: line 3:"), "{err}");
    }

    #[test]
    fn bind_accepts_host_names() {
        assert_eq!(
            parse_bind("localhost:8096").as_deref(),
            Ok("localhost:8096")
        );
        assert_eq!(parse_bind("[::1]:80").as_deref(), Ok("[::1]:80"));
        assert!(parse_bind("localhost").is_err());
        assert!(parse_bind("localhost:http").is_err());
        assert!(parse_bind(":8080").is_err());
    }

    #[test]
    fn unknown_key_in_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("guichet.toml"), "reopen_dayz = 3\n").expect("write");
        let err = Layers::read_file(dir.path()).expect_err("must fail");
        assert!(err.to_string().contains("reopen_dayz"));
    }

    #[test]
    fn file_values_of_any_scalar_type_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("guichet.toml"),
            "reopen_days = 3\nrequeue_on_reply = false\ntime_zone = \"America/New_York\"\n",
        )
        .expect("write");
        let (file, path) = Layers::read_file(dir.path()).expect("reads");
        assert!(path.is_some());
        let l = Layers {
            file,
            file_path: path,
            ..Layers::default()
        };
        let c = Config::resolve("d".into(), "x".into(), &l).expect("parses");
        assert_eq!(c.lifecycle.reopen_days, 3);
        assert!(!c.lifecycle.requeue_on_reply);
    }
}
