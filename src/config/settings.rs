//! The settings guichet knows, and the other `GUICHET_*` variables it reads.

use super::env_var;

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
        "response_target_hours",
        "9",
        "first-response target, in business hours (1 to 1000)",
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
        "pool_wait_ms",
        "5000",
        "how long a request waits for a free connection before a 503",
    ),
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
        "form_limit",
        "10",
        "page form posts from one client address per window (0: no limit)",
    ),
    (
        "form_email_limit",
        "5",
        "page form posts for one email address per window (0: no limit)",
    ),
    (
        "form_window_minutes",
        "60",
        "the window of form_limit and form_email_limit",
    ),
    (
        "signin_limit",
        "20",
        "sign-in attempts from one client address per window (0: no limit)",
    ),
    (
        "signin_account_limit",
        "5",
        "sign-in attempts for one agent email per window (0: no limit)",
    ),
    (
        "signin_window_minutes",
        "15",
        "the window of signin_limit and signin_account_limit",
    ),
    ("session_hours", "12", "how long an agent stays signed in"),
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
    (
        "attachment_max_count",
        "5",
        "files one page post may attach (0: none)",
    ),
    (
        "attachment_max_bytes",
        "10485760",
        "largest attachment, in bytes",
    ),
    (
        "attachment_types",
        crate::attachments::DEFAULT_TYPES,
        "accepted attachment extensions (png,jpg,jpeg,gif,webp,txt,log,pdf,zip)",
    ),
    (
        "smtp_url",
        "",
        "SMTP server for outgoing mail: smtp:// (STARTTLS), smtps://, or smtp+plain:// on loopback; empty: .eml files in DATA_DIR/mail-out",
    ),
    (
        "mail_from",
        "",
        "From address of outgoing mail (default: support@ the public URL's host)",
    ),
    (
        "reply_to",
        "",
        "Reply-To address of outgoing mail (empty: none)",
    ),
    (
        "outbox_interval_ms",
        "1000",
        "how often the sender looks for due mail",
    ),
    (
        "outbox_retry_base_ms",
        "30000",
        "first retry delay after a temporary SMTP failure (doubles each attempt)",
    ),
    (
        "outbox_retry_max_ms",
        "3600000",
        "longest delay between two attempts of one mail",
    ),
    (
        "outbox_max_attempts",
        "50",
        "attempts before a temporarily failing mail is recorded as failed",
    ),
    (
        "outbox_lease_ms",
        "120000",
        "how long a process holds a claimed mail before another may take it",
    ),
    (
        "outbox_senders",
        "4",
        "mails sent at once by each process (one SMTP connection each)",
    ),
    (
        "smtp_timeout_ms",
        "30000",
        "SMTP connection and command timeout",
    ),
    (
        "imap_url",
        "",
        "IMAP mailbox polled for mail: imap:// or imaps://user:pass@host:port/MAILBOX (empty: no poller)",
    ),
    (
        "imap_interval_ms",
        "30000",
        "pause between two polls of the mailbox",
    ),
    (
        "imap_retry_max_ms",
        "300000",
        "longest pause before reconnecting after an IMAP or database failure",
    ),
    (
        "mail_max_bytes",
        "26214400",
        "largest inbound mail; a larger one is quarantined",
    ),
    (
        "authserv_id",
        "",
        "authserv-id of the trusted Authentication-Results header (empty: trust none)",
    ),
    (
        "timers_interval_ms",
        "60000",
        "how often the lifecycle timers run (auto-resolve, close)",
    ),
    ("log", "info", "log filter (tracing-subscriber syntax)"),
];

/// The longest first-response target: past it, a deadline computed in business hours would
/// lie months ahead and mean nothing.
pub const MAX_RESPONSE_TARGET_HOURS: u32 = 1000;

/// `response_target_hours`: a whole number of business hours, at least one.
pub(super) fn parse_target_hours(s: &str) -> Result<u32, String> {
    let n: u32 = s
        .parse()
        .map_err(|_| format!("expected a whole number, got {s:?}"))?;
    if (1..=MAX_RESPONSE_TARGET_HOURS).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "expected from 1 to {MAX_RESPONSE_TARGET_HOURS} business hours, got {n}"
        ))
    }
}

/// `GUICHET_*` variables that are read but are not settings.
pub const OTHER_VARIABLES: &[&str] = &[
    "GUICHET_DATA_DIR",
    "GUICHET_DATABASE_URL",
    "GUICHET_SECRET_KEY",
];

/// The `GUICHET_*` variable names among `names` that guichet does not know (a typo such as
/// `GUICHET_REOPEN_DAYZ` would otherwise leave the default in force without a word).
/// `GUICHET_TEST_*`, `GUICHET_BENCH_*` and `GUICHET_BROWSER_*` belong to the tests, the
/// benchmarks and the browser suite.
pub fn unknown_variables<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    names
        .into_iter()
        .filter(|name| name.starts_with("GUICHET_"))
        .filter(|name| {
            !["GUICHET_TEST_", "GUICHET_BENCH_", "GUICHET_BROWSER_"]
                .iter()
                .any(|prefix| name.starts_with(prefix))
        })
        .filter(|name| !OTHER_VARIABLES.contains(name))
        .filter(|name| !SETTINGS.iter().any(|(key, _, _)| env_var(key) == *name))
        .map(str::to_string)
        .collect()
}
