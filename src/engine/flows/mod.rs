//! Flows: the queries of contract §2 as chains of legs (network, the service call, the KMS call
//! a service makes on the caller's behalf, rotation steps). Each leg is authorised by
//! [`crate::engine::authz`]; the flow picks the policies, derives the request context and turns
//! the legs into a [`Verdict`].

mod call;
pub mod context;
mod get_parameter;
mod get_secret_value;
pub mod kms;
pub mod leg;
mod network;
pub mod org;
pub mod origin;
pub mod principal;
mod rotation;
pub mod secret_call;
mod simulate;

pub use get_parameter::evaluate_get_parameter;
pub use get_secret_value::evaluate_get_secret_value;
pub use rotation::evaluate_rotate_secret;
pub use simulate::evaluate_simulate;

use crate::engine::model::Model;
use crate::engine::query::Query;
use crate::engine::timestamp::Timestamp;
use crate::engine::verdict::Verdict;

/// What the shell supplies: the engine has no clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// `aws:CurrentTime` / `aws:EpochTime`; `None` leaves them to the query's `Context` (a Date
    /// condition on an absent key then behaves as AWS does for a missing key).
    pub now: Option<Timestamp>,
}

/// Evaluate one query against a model.
pub fn evaluate(model: &Model, query: &Query, options: &EvalOptions) -> Verdict {
    match query {
        Query::GetSecretValue(q) => evaluate_get_secret_value(model, q, options),
        Query::GetParameter(q) => evaluate_get_parameter(model, q, options),
        Query::Simulate(q) => evaluate_simulate(model, q, options),
        Query::RotateSecret(q) => evaluate_rotate_secret(model, q, options),
    }
}
