//! The Leptos web app. Stub.
