//! The example models of `public/examples/`, compiled into the app (`include_str!`): the
//! scenario library works offline and makes no network request.

use serde::Deserialize;

/// The quickstart model (`public/examples/quickstart.json`): one role, two secrets, two checks.
pub const QUICKSTART_MODEL: &str = include_str!("../../public/examples/quickstart.json");

/// The catalogue `public/examples/index.json`.
const CATALOGUE: &str = include_str!("../../public/examples/index.json");

/// Every example file by its name in the catalogue: all of `public/examples/` (the e2e test
/// `scenario-library.test.mjs` checks that the scenario picker lists every catalogue entry).
const FILES: [(&str, &str); 14] = [
    ("quickstart.json", QUICKSTART_MODEL),
    (
        "exam-1-rotating-rds-credentials-read-from-ec2.json",
        include_str!("../../public/examples/exam-1-rotating-rds-credentials-read-from-ec2.json"),
    ),
    (
        "exam-2-leaked-key-replaced-by-managed-secret.json",
        include_str!("../../public/examples/exam-2-leaked-key-replaced-by-managed-secret.json"),
    ),
    (
        "exam-3-cross-account-resource-and-key-policy.json",
        include_str!("../../public/examples/exam-3-cross-account-resource-and-key-policy.json"),
    ),
    (
        "exam-4-private-subnet-interface-endpoint.json",
        include_str!("../../public/examples/exam-4-private-subnet-interface-endpoint.json"),
    ),
    (
        "exam-5-secrets-manager-vs-parameter-store.json",
        include_str!("../../public/examples/exam-5-secrets-manager-vs-parameter-store.json"),
    ),
    (
        "net-1-private-subnet-without-egress.json",
        include_str!("../../public/examples/net-1-private-subnet-without-egress.json"),
    ),
    (
        "net-2-private-dns-off.json",
        include_str!("../../public/examples/net-2-private-dns-off.json"),
    ),
    (
        "net-3-endpoint-sg-wrong-cidr.json",
        include_str!("../../public/examples/net-3-endpoint-sg-wrong-cidr.json"),
    ),
    (
        "rot-1-function-cannot-reach-database.json",
        include_str!("../../public/examples/rot-1-function-cannot-reach-database.json"),
    ),
    (
        "rot-2-fails-at-finish-secret.json",
        include_str!("../../public/examples/rot-2-fails-at-finish-secret.json"),
    ),
    (
        "rot-3-alternating-users-with-superuser-secret.json",
        include_str!("../../public/examples/rot-3-alternating-users-with-superuser-secret.json"),
    ),
    (
        "lifecycle-1-deletion-and-recovery-window.json",
        include_str!("../../public/examples/lifecycle-1-deletion-and-recovery-window.json"),
    ),
    (
        "rot-4-single-user-rotation.json",
        include_str!("../../public/examples/rot-4-single-user-rotation.json"),
    ),
];

/// One entry of the catalogue.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Example {
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub what_to_try: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Catalogue {
    examples: Vec<Example>,
}

/// The catalogue's examples whose file is compiled in, in catalogue order.
pub fn examples() -> Vec<Example> {
    serde_json::from_str::<Catalogue>(CATALOGUE)
        .map(|c| c.examples)
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
