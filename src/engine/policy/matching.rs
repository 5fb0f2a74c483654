//! Stub: filled in by the policy-language work.
