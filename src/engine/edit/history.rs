//! Undo and redo for every edit: a bounded stack of whole documents. Whole documents, not
//! inverse operations, because every edit (a form, an import, a policy typed by hand, a file
//! opened) ends as a new document, and a document is all the app needs to restore.

use std::collections::VecDeque;

/// How many edits can be undone by default.
pub const DEFAULT_HISTORY_LIMIT: usize = 100;

/// The present document, what came before it and what an undo left to redo.
#[derive(Debug, Clone, PartialEq)]
pub struct History<T = serde_json::Value> {
    past: VecDeque<T>,
    present: T,
    future: Vec<T>,
    limit: usize,
}

impl<T: PartialEq> History<T> {
    /// A history whose present is `initial`, keeping [`DEFAULT_HISTORY_LIMIT`] undo steps.
    pub fn new(initial: T) -> History<T> {
        History::with_limit(initial, DEFAULT_HISTORY_LIMIT)
    }

    /// A history keeping at most `limit` undo steps (at least one).
    pub fn with_limit(initial: T, limit: usize) -> History<T> {
        History {
            past: VecDeque::new(),
            present: initial,
            future: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// The current document.
    pub fn present(&self) -> &T {
        &self.present
    }

    /// Make `next` the present. The old present can be undone back to; whatever was left to
    /// redo is gone. A `next` equal to the present is not an edit and records nothing (importing
    /// the same output twice leaves one undo step). Returns whether anything changed.
    pub fn apply(&mut self, next: T) -> bool {
        if next == self.present {
            return false;
        }
        let old = std::mem::replace(&mut self.present, next);
        self.past.push_back(old);
        while self.past.len() > self.limit {
            self.past.pop_front();
        }
        self.future.clear();
        true
    }

    /// Go back one edit. Returns the new present, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<&T> {
        let previous = self.past.pop_back()?;
        let current = std::mem::replace(&mut self.present, previous);
        self.future.push(current);
        Some(&self.present)
    }

    /// Redo the edit last undone. Returns the new present, or `None` when there is none.
    pub fn redo(&mut self) -> Option<&T> {
        let next = self.future.pop()?;
        let current = std::mem::replace(&mut self.present, next);
        self.past.push_back(current);
        Some(&self.present)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// How many edits can be undone.
    pub fn undo_depth(&self) -> usize {
        self.past.len()
    }

    /// How many undone edits can be redone.
    pub fn redo_depth(&self) -> usize {
        self.future.len()
    }

    /// The most undo steps kept.
    pub fn limit(&self) -> usize {
        self.limit
    }
}
