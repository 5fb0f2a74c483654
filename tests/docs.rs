//! The documented catalogues stay equal to the code (`UPDATE_DOCS=1` rewrites them).

#![allow(clippy::unwrap_used, clippy::panic, reason = "test code")]

use std::path::Path;

use secretpath::engine::catalogue::render_markdown;

#[test]
fn blocker_code_catalogue_documents_every_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/blocker-codes.md");
    let want = render_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let got = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "docs/blocker-codes.md is out of date: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}
