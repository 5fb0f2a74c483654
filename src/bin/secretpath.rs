//! The `secretpath` command line: a thin shell over the engine. Stub.
fn main() {}
