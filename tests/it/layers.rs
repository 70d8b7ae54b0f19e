//! The layer list of `src/lib.rs`, held true: no module imports one from a layer above its own.

use std::path::Path;

/// Lowest first; a module may use its own layer and those before it.
const LAYERS: &[&[&str]] = &[
    &[
        "domain",
        "i18n",
        "clock",
        "keys",
        "vault",
        "tokens",
        "password",
        "metrics",
        "files",
        "attachments",
        "rate_limit",
        "two_factor",
    ],
    &["config", "db", "schema", "store"],
    &["mail"],
    &["intake"],
    &["inbound"],
    &["desk"],
    &["app"],
    &["demo", "import", "workers"],
    &["web"],
    &["startup", "cli", "main", "lib"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| {
            panic!("module `{module}` is in no layer: add it to src/lib.rs and here")
        })
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("component");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let own = layer_of(&module);
        let text = std::fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if name.is_empty() || name == module || name.starts_with("db_") {
                    continue;
                }
                checked += 1;
                if layer_of(&name) > own {
                    upward.push(format!("{}:{}: {module} uses {name}", rel.display(), n + 1));
                }
            }
        }
    }
    assert!(checked > 50, "imports were found ({checked})");
    assert!(upward.is_empty(), "imports upward:\n{}", upward.join("\n"));
}
