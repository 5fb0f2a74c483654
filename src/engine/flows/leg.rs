//! A flow is a chain of legs (network, the service call, the KMS call behind it, rotation
//! steps). The flow's decision is that of the first leg that does not succeed (contract §3).

use serde_json::{json, Value};

use crate::engine::verdict::{Blocker, Decision, Outcome, Step, Verdict};

/// One leg of a flow, evaluated.
#[derive(Debug, Clone)]
pub struct Leg {
    pub name: String,
    pub decision: Decision,
    pub blockers: Vec<Blocker>,
    /// Free structure; `Summary` (one sentence) is shown by the command line.
    pub detail: Value,
    pub notes: Vec<String>,
}

impl Leg {
    pub fn new(
        name: impl Into<String>,
        decision: Decision,
        blockers: Vec<Blocker>,
        detail: Value,
    ) -> Leg {
        Leg {
            name: name.into(),
            decision,
            blockers,
            detail,
            notes: Vec::new(),
        }
    }
}

/// Assemble a verdict: the decision of the first leg that does not succeed; every blocker of
/// every leg, the decisive leg's first; legs after the decisive one are `Skipped` (AWS never
/// makes those calls) but their own outcome and blockers are still reported, so that every
/// component that blocks is named.
pub fn verdict_from_legs(legs: Vec<Leg>) -> Verdict {
    let decisive = legs.iter().position(|l| l.decision != Decision::Allowed);
    let decision = decisive
        .and_then(|i| legs.get(i))
        .map_or(Decision::Allowed, |l| l.decision);
    let mut blockers: Vec<Blocker> = Vec::new();
    if let Some(l) = decisive.and_then(|i| legs.get(i)) {
        blockers.extend(l.blockers.iter().cloned());
    }
    let mut steps = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (i, leg) in legs.into_iter().enumerate() {
        let skipped = decisive.is_some_and(|d| i > d);
        if Some(i) != decisive {
            for b in leg.blockers {
                if !blockers.contains(&b) {
                    blockers.push(b);
                }
            }
        }
        let mut detail = leg.detail;
        if skipped {
            if let Value::Object(map) = &mut detail {
                map.insert("WouldBe".to_owned(), json!(leg.decision));
                map.insert("Reached".to_owned(), json!(false));
            }
        }
        steps.push(Step {
            leg: leg.name,
            outcome: if skipped {
                Outcome::Skipped
            } else {
                Outcome::from(leg.decision)
            },
            detail,
        });
        for n in leg.notes {
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
    }
    if decision == Decision::Allowed {
        blockers.clear();
    }
    Verdict {
        decision,
        blockers,
        steps,
        version_stages_after: None,
        notes,
    }
}
