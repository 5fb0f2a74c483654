//! The `secretpath` command line (contract §4): a thin shell that reads files and prints what
//! the engine decides.
//!
//! Exit status: 0 when every `Expect` holds, 1 when one does not, 2 when a model or query is
//! invalid (the valid models are still evaluated).

/// The engine allocates many small strings (traces, explanations); mimalloc serves them about
/// a third faster than the system allocator on `secretpath check` over many models.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod render;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
