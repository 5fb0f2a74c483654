//! Authorisation: combine every policy layer into AWS's decision for one request, following
//! AWS's policy evaluation logic (`aws-semantics.md` S1–S14):
//!
//! 1. an applicable explicit Deny in any policy denies (S1);
//! 2. every RCP level and every SCP level must allow (S1, S9);
//! 3. a VPC endpoint policy, when the request goes through one, must allow (S29);
//! 4. resource-based and identity-based policies combine by account and principal kind: union in
//!    one account (S2), intersection across accounts (S3), with the principal-kind rules for
//!    permissions boundaries and session policies (S4, S5) and KMS's rule that the key policy must
//!    allow or delegate (S10, S11).
//!
//! The flow chooses which policies apply (which SCPs, which key…); this module only combines.

mod combine;
pub mod input;

pub use combine::{authorize, AuthzOutcome};
pub use input::{AuthzInput, GrantView, NamedPolicy, OrgLevel, ResourcePolicy};
