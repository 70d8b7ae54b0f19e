//! The settings saved from the admin pages (the `saved` layer): checking a value before it is
//! saved, with the very parser start-up uses, and what the layers show without their values.

use std::collections::BTreeMap;

use super::{Config, ConfigError, Layers};

/// Names the keys only: a value may hold a password (`smtp_url`, `imap_url`).
impl std::fmt::Debug for Layers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
        f.debug_struct("Layers")
            .field("flags", &keys(&self.flags))
            .field("env", &keys(&self.env))
            .field("file", &keys(&self.file))
            .field("file_path", &self.file_path)
            .field("saved", &keys(&self.saved))
            .finish()
    }
}

/// The problem with each of `values` (key to raw value) as a saved setting; empty when every
/// one is good. The whole configuration is resolved again with these values in the saved
/// layer and the higher layers set aside for their keys, so a value is checked by exactly the
/// parser start-up would use once nothing overrides it (business hours parse their three keys
/// together, as at start-up). A bad key is put back as it was and the others checked again, so
/// every bad value is named at once.
pub fn check_saved(config: &Config, values: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let start = &config.layers;
    let mut trial = start.clone();
    for (key, value) in values {
        trial.flags.remove(key);
        trial.env.remove(key);
        trial.file.remove(key);
        trial.saved.insert(key.clone(), value.clone());
    }
    let mut problems = BTreeMap::new();
    // Each round either succeeds or sets one more key aside.
    for _ in 0..=values.len() {
        let resolved =
            Config::resolve(config.data_dir.clone(), config.database_url.clone(), &trial);
        match resolved {
            Ok(_) => break,
            Err(ConfigError::Invalid { key, problem, .. })
                if values.contains_key(&key) && !problems.contains_key(&key) =>
            {
                problems.insert(key.clone(), problem);
                for (layer, from) in [
                    (&mut trial.flags, &start.flags),
                    (&mut trial.env, &start.env),
                    (&mut trial.file, &start.file),
                    (&mut trial.saved, &start.saved),
                ] {
                    match from.get(&key) {
                        Some(v) => layer.insert(key.clone(), v.clone()),
                        None => layer.remove(&key),
                    };
                }
            }
            // Not one of these keys: start-up accepted the rest, so this cannot happen unless
            // the layers changed under us; name it rather than save blindly.
            Err(e) => {
                problems.insert(String::new(), e.to_string());
                break;
            }
        }
    }
    problems
}
