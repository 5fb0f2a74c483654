//! The web app entry: installs the panic hook and mounts [`secretpath::ui::App`] (wasm32 only).
//!
//! Natively this binary is empty, so that `cargo build` and `cargo test` never compile Leptos.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(secretpath::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
