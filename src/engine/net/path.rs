//! A path as the explanation shows it: every hop checked, every blocking hop as a blocker.

use serde::Serialize;

use crate::engine::verdict::{Blocker, BlockerCode, Layer};

/// One hop of a path, for the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Hop {
    /// `dns`, `route`, `security-group`, `network-acl`, `vpc-endpoint`, `nat-gateway`,
    /// `internet-gateway`, `internet`…
    pub kind: String,
    /// The AWS id of the component.
    pub component: String,
    pub admitted: bool,
    /// The rule that admitted or blocked (route, SG rule, ACL rule number), in words.
    pub reason: String,
}

/// A checked network path: its hops, its blockers (empty exactly when it is admitted) and what
/// the reader must know (assumptions, parts of the model that are missing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkPath {
    pub hops: Vec<Hop>,
    pub blockers: Vec<Blocker>,
    pub notes: Vec<String>,
}

impl NetworkPath {
    /// Whether traffic gets through: no hop blocks.
    pub fn is_admitted(&self) -> bool {
        self.blockers.is_empty()
    }

    /// Record a hop that admits.
    pub(crate) fn pass(&mut self, kind: &str, component: &str, reason: String) {
        self.hops.push(Hop {
            kind: kind.to_owned(),
            component: component.to_owned(),
            admitted: true,
            reason,
        });
    }

    /// Record a hop that blocks, and its blocker.
    pub(crate) fn block(
        &mut self,
        kind: &str,
        layer: Layer,
        code: BlockerCode,
        component: &str,
        reason: String,
    ) {
        self.hops.push(Hop {
            kind: kind.to_owned(),
            component: component.to_owned(),
            admitted: false,
            reason: reason.clone(),
        });
        self.add_blocker(Blocker {
            layer,
            component: component.to_owned(),
            code,
            statement: None,
            message: reason,
            location: None,
        });
    }

    /// Add a blocker unless one with the same layer, component and code is already there.
    pub(crate) fn add_blocker(&mut self, blocker: Blocker) {
        let known = self.blockers.iter().any(|b| {
            b.layer == blocker.layer && b.component == blocker.component && b.code == blocker.code
        });
        if !known {
            self.blockers.push(blocker);
        }
    }

    pub(crate) fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Append another path's hops, blockers and notes.
    pub(crate) fn absorb(&mut self, other: NetworkPath) {
        self.hops.extend(other.hops);
        for b in other.blockers {
            self.add_blocker(b);
        }
        for n in other.notes {
            self.note(n);
        }
    }
}
