//! The raw layers of the configuration and how one value is picked from them: command-line
//! flag > `GUICHET_*` environment variable > `guichet.toml` > saved setting > default. Apart
//! from the typed [`super::Config`] because the settings page reads the layers themselves, to
//! say where each value in force comes from; parsing a value into its type is done by the
//! caller of [`Layers::parse`], which names the key and the layer when it fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{ConfigError, SETTINGS, unknown_variables};

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

/// The raw layers, before parsing. Kept in [`Config`] so the settings page can say where each
/// value in force comes from. Its `Debug` names the keys only: a value may hold a password
/// (`smtp_url`, `imap_url`).
#[derive(Default, Clone)]
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

    /// The value in force for `key`, parsed by `parse`; an error names the key and its layer.
    pub(super) fn parse<T>(
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
