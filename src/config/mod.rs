//! Configuration, resolved once at start-up from layers, highest first:
//! command-line flag > `GUICHET_*` environment variable > `guichet.toml` in the data directory >
//! a setting saved from the admin pages (the `settings` table) > the default below.
//!
//! Every value is parsed into its type here, at the edge; an unparsable value stops start-up with
//! a message naming the key and the layer it came from.
//!
//! The layers and the pick of one value from them are in [`layers`]; the list of settings
//! with their defaults in [`settings`]; mail in [`mail`]; checking a setting saved from the
//! admin pages in [`saved`]. This module parses them into [`Config`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::db::SqliteSync;
use crate::domain::business_hours::{BusinessHours, BusinessHoursError};
use crate::domain::lifecycle::LifecyclePolicy;
use crate::i18n::Lang;

mod layers;
mod saved;
mod settings;
pub use layers::{Layers, Source, env_var, is_known};
pub use saved::check_saved;
use settings::parse_target_hours;
pub use settings::{MAX_RESPONSE_TARGET_HOURS, OTHER_VARIABLES, SETTINGS, unknown_variables};

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
    /// The first-response target, in business hours of `business_hours`.
    pub response_target_hours: u32,
    pub lifecycle: LifecyclePolicy,
    pub autoresolve_days: u32,
    pub needs_info_days: u32,
    pub free_support_days: u32,
    pub max_support_months: u32,
    pub releases_back: u32,
    pub sqlite_sync: SqliteSync,
    pub pool_size: u32,
    /// How long a request waits for a free connection before it is answered 503.
    pub pool_wait: Duration,
    pub max_body_bytes: usize,
    pub auto_mail_limit: u32,
    pub auto_mail_window: Duration,
    pub rate_limits: bool,
    /// Posts of the pages' forms (intake form, portal) per client address, then per email
    /// address, in each `form_window`; 0 lifts that limit. See `web::rate_limit`.
    pub form_limit: u32,
    pub form_email_limit: u32,
    pub form_window: Duration,
    /// Sign-in attempts per client address and per agent email in each `signin_window`.
    pub signin_limit: u32,
    pub signin_account_limit: u32,
    pub signin_window: Duration,
    /// How long a session cookie stays good after sign-in.
    pub session_max_age: Duration,
    pub cookie_secure: bool,
    /// What the pages accept as attachments: how many files, how large, of which kinds.
    pub attachments: crate::attachments::Rules,
    /// Mail in and out, and the workers' timings.
    pub mail: MailConfig,
    pub log: String,
    /// The layers this configuration was resolved from.
    pub layers: Layers,
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
            response_target_hours: layers.parse("response_target_hours", parse_target_hours)?,
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
            pool_wait: Duration::from_millis(u64::from(layers.parse("pool_wait_ms", parse_u32)?)),
            max_body_bytes: layers.parse("max_body_bytes", |s| parse_u32(s).map(|n| n as usize))?,
            auto_mail_limit: layers.parse("auto_mail_limit", parse_u32)?,
            auto_mail_window: Duration::from_secs(
                u64::from(layers.parse("auto_mail_window_minutes", parse_u32)?) * 60,
            ),
            rate_limits: layers.parse("rate_limits", parse_bool)?,
            signin_limit: layers.parse("signin_limit", parse_u32)?,
            signin_account_limit: layers.parse("signin_account_limit", parse_u32)?,
            signin_window: Duration::from_secs(
                u64::from(layers.parse("signin_window_minutes", parse_u32)?.max(1)) * 60,
            ),
            session_max_age: Duration::from_secs(
                u64::from(layers.parse("session_hours", parse_u32)?.max(1)) * 3600,
            ),
            form_limit: layers.parse("form_limit", parse_u32)?,
            form_email_limit: layers.parse("form_email_limit", parse_u32)?,
            // At least a minute: a zero window would reset on every post and limit nothing.
            form_window: Duration::from_secs(
                u64::from(layers.parse("form_window_minutes", parse_u32)?.max(1)) * 60,
            ),
            cookie_secure,
            attachments: crate::attachments::Rules {
                max_count: layers.parse("attachment_max_count", parse_u32)? as usize,
                max_bytes: u64::from(layers.parse("attachment_max_bytes", parse_u32)?),
                extensions: layers
                    .parse("attachment_types", crate::attachments::Rules::parse_types)?,
            },
            mail: MailConfig::resolve(layers, &public_url)?,
            log: layers.get("log").0,
            layers: layers.clone(),
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

/// The default database: SQLite in the data directory.
pub fn default_database_url(data_dir: &Path) -> String {
    data_dir.join("guichet.db").to_string_lossy().into_owned()
}

mod mail;
pub use mail::{ImapServer, MailConfig, SmtpSecurity, SmtpServer};

#[cfg(test)]
mod tests;
