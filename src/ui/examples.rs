//! The example models of `public/examples/`, compiled into the app (`include_str!`): the
//! scenario library works offline and makes no network request. `build.rs` strips the whitespace
//! between their JSON tokens first (the app parses them; a smaller app).

use serde_json::Value;

/// The text of `public/examples/$file` without whitespace between tokens (see `build.rs`).
macro_rules! example {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/examples/", $file))
    };
}

/// The quickstart model (`public/examples/quickstart.json`): one role, two secrets, two checks.
pub const QUICKSTART_MODEL: &str = example!("quickstart.json");

/// The catalogue `public/examples/index.json`.
const CATALOGUE: &str = example!("index.json");

/// Every example file by its name in the catalogue: all of `public/examples/` (the e2e test
/// `scenario-library.test.mjs` checks that the scenario picker lists every catalogue entry).
const FILES: [(&str, &str); 14] = [
    ("quickstart.json", QUICKSTART_MODEL),
    (
        "exam-1-rotating-rds-credentials-read-from-ec2.json",
        example!("exam-1-rotating-rds-credentials-read-from-ec2.json"),
    ),
    (
        "exam-2-leaked-key-replaced-by-managed-secret.json",
        example!("exam-2-leaked-key-replaced-by-managed-secret.json"),
    ),
    (
        "exam-3-cross-account-resource-and-key-policy.json",
        example!("exam-3-cross-account-resource-and-key-policy.json"),
    ),
    (
        "exam-4-private-subnet-interface-endpoint.json",
        example!("exam-4-private-subnet-interface-endpoint.json"),
    ),
    (
        "exam-5-secrets-manager-vs-parameter-store.json",
        example!("exam-5-secrets-manager-vs-parameter-store.json"),
    ),
    (
        "net-1-private-subnet-without-egress.json",
        example!("net-1-private-subnet-without-egress.json"),
    ),
    (
        "net-2-private-dns-off.json",
        example!("net-2-private-dns-off.json"),
    ),
    (
        "net-3-endpoint-sg-wrong-cidr.json",
        example!("net-3-endpoint-sg-wrong-cidr.json"),
    ),
    (
        "rot-1-function-cannot-reach-database.json",
        example!("rot-1-function-cannot-reach-database.json"),
    ),
    (
        "rot-2-fails-at-finish-secret.json",
        example!("rot-2-fails-at-finish-secret.json"),
    ),
    (
        "rot-3-alternating-users-with-superuser-secret.json",
        example!("rot-3-alternating-users-with-superuser-secret.json"),
    ),
    (
        "lifecycle-1-deletion-and-recovery-window.json",
        example!("lifecycle-1-deletion-and-recovery-window.json"),
    ),
    (
        "rot-4-single-user-rotation.json",
        example!("rot-4-single-user-rotation.json"),
    ),
];

/// One entry of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub file: String,
    pub title: String,
    pub description: String,
    pub what_to_try: Vec<String>,
}

impl Example {
    /// An entry of `Examples`: `File` and `Title` are required, `Description` and `WhatToTry`
    /// optional. Read from the parsed document rather than through `#[derive(Deserialize)]`,
    /// which would compile a second, typed JSON parser into the app.
    fn from_value(entry: &Value) -> Option<Example> {
        let text = |key: &str| entry.get(key).map(|v| v.as_str().map(str::to_owned));
        Some(Example {
            file: text("File")??,
            title: text("Title")??,
            description: text("Description").unwrap_or(Some(String::new()))?,
            what_to_try: match entry.get("WhatToTry") {
                None => Vec::new(),
                Some(list) => list
                    .as_array()?
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<_>>()?,
            },
        })
    }
}

/// The catalogue's examples whose file is compiled in, in catalogue order (none if the catalogue
/// is malformed).
pub fn examples() -> Vec<Example> {
    serde_json::from_str::<Value>(CATALOGUE)
        .ok()
        .and_then(|catalogue| {
            catalogue
                .get("Examples")?
                .as_array()?
                .iter()
                .map(Example::from_value)
                .collect::<Option<Vec<_>>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|e| example_text(&e.file).is_some())
        .collect()
}

/// The model text of an example file.
pub fn example_text(file: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
}
