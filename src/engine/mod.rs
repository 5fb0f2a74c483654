//! The evaluation engine: load an AWS-shaped model, evaluate queries against it exactly as AWS
//! would, and explain the result. No I/O, no clock, no randomness: the current time is part of
//! the query (or fixed by the caller), and files are read by the shells.

pub mod authz;
pub mod catalogue;
pub mod checks;
pub mod context;
pub mod edit;
pub mod flows;
pub mod graph;
pub mod ids;
pub mod import;
pub mod model;
pub mod net;
pub mod policy;
pub mod query;
pub mod timestamp;
pub mod verdict;
