//! Example models compiled into the app: the page shows them without any network request.

/// The quickstart model (`public/examples/quickstart.json`): one role, two secrets, two checks.
pub const QUICKSTART_MODEL: &str = include_str!("../../public/examples/quickstart.json");
