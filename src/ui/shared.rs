//! [`Shared`]: a value computed by a memo and read by many views, compared by identity.

use std::ops::Deref;
use std::sync::Arc;

/// An immutable value behind an `Arc`, equal only to itself (the same allocation).
///
/// Memos need equality to decide whether readers must re-run. Comparing a whole model or
/// verdict field by field would cost as much as recomputing it; a memo re-runs only when its
/// input changed, so a new value is a changed value.
#[derive(Debug)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
