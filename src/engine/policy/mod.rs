//! The IAM policy language: parse a document (object, JSON string or URL-encoded), validate it
//! with locations, and evaluate each statement against a request with a full trace.
//!
//! Pipeline: [`parse`] (JSON → [`ast::Policy`] + [`Diagnostic`]s) → [`evaluate`] (statement by
//! statement, using [`matching`] for Action/Resource/Principal and [`condition`] for operators).
//! Anything the engine does not understand is kept, reported, and can only deny.

pub mod ast;
pub mod condition;
pub mod deciding;
pub mod evaluate;
pub mod keys;
pub mod matching;
pub mod parse;

pub use ast::*;
pub use deciding::{deciding_parts, statement_lines, DecidingPart, StatementLine};
pub use evaluate::{
    evaluate_policy, ElementCheck, ElementKind, PolicyEvaluation, PrincipalMatch, StatementTrace,
    Tri,
};
pub use parse::{
    parse_operator, parse_policy, Diagnostic, ParsedPolicy, Severity, DIAGNOSTIC_CODES,
};
