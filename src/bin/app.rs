//! The web app entry: mounts the Leptos app (wasm32 only). Stub.
fn main() {}
