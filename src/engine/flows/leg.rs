//! A flow is a chain of legs (network, the service call, the KMS call behind it, rotation
//! steps). The flow's decision is that of the first leg that does not succeed (contract §3).

use serde_json::json;

use crate::engine::verdict::{Blocker, CallTrace, Decision, Detail, Layer, Outcome, Step, Verdict};

/// One leg of a flow, evaluated.
#[derive(Debug, Clone)]
pub struct Leg {
    pub name: String,
    pub decision: Decision,
    pub blockers: Vec<Blocker>,
    /// Free structure; `Summary` (one sentence) is shown by the command line.
    pub detail: Detail,
    pub notes: Vec<String>,
}

impl Leg {
    pub fn new(
        name: impl Into<String>,
        decision: Decision,
        blockers: Vec<Blocker>,
        detail: impl Into<Detail>,
    ) -> Leg {
        Leg {
            name: name.into(),
            decision,
            blockers,
            detail: detail.into(),
            notes: Vec::new(),
        }
    }
}

/// Assemble a verdict: the decision of the first leg that does not succeed; every blocker of
/// every leg, the decisive leg's first; legs after the decisive one are `Skipped` (AWS never
/// makes those calls) but their own outcome and blockers are still reported, so that every
/// component that blocks is named.
/// Whether a leg failed on the network alone: the calls after it were never made, and what they
/// would decide depends on a path that does not exist.
pub fn failed_on_network(leg: &Leg) -> bool {
    leg.decision == Decision::Failed
        && !leg.blockers.is_empty()
        && leg.blockers.iter().all(|b| {
            matches!(
                b.layer,
                Layer::Route | Layer::Dns | Layer::SecurityGroup | Layer::NetworkAcl
            )
        })
}

/// The note a verdict carries when calls after a network failure were evaluated anyway.
pub const HYPOTHETICAL_NOTE: &str = "the request never reaches the service: the calls after the network failure are shown in Steps as they would be decided if it did, but their blockers are not listed";

pub fn verdict_from_legs(legs: Vec<Leg>) -> Verdict {
    let decisive = legs.iter().position(|l| l.decision != Decision::Allowed);
    let hypothetical = decisive
        .and_then(|i| legs.get(i))
        .is_some_and(failed_on_network);
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
        if Some(i) != decisive && !(skipped && hypothetical) {
            for b in leg.blockers {
                if !blockers.contains(&b) {
                    blockers.push(b);
                }
            }
        }
        let mut detail = leg.detail;
        if skipped {
            detail.insert("WouldBe", json!(leg.decision));
            detail.insert("Reached", json!(false));
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
        // A leg that was not reached has nothing to tell the reader beyond its step.
        if !skipped {
            for n in leg.notes {
                if !notes.contains(&n) {
                    notes.push(n);
                }
            }
        }
    }
    if hypothetical && steps.iter().any(|s| s.outcome == Outcome::Skipped) {
        notes.push(HYPOTHETICAL_NOTE.to_owned());
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

/// A step made of several calls: the decision of the first call that does not succeed, every
/// blocker, each call in the detail.
pub fn combine_calls(name: &str, summary: &str, calls: Vec<Leg>) -> Leg {
    let decisive = calls.iter().position(|c| c.decision != Decision::Allowed);
    let decision = decisive
        .and_then(|i| calls.get(i))
        .map_or(Decision::Allowed, |c| c.decision);
    // Calls after a network failure are never made: their blockers would be hypothetical.
    let cut = decisive.filter(|i| calls.get(*i).is_some_and(failed_on_network));
    let mut blockers: Vec<Blocker> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut details = Vec::new();
    for (i, c) in calls.into_iter().enumerate() {
        let reached = cut.is_none_or(|cut| i <= cut);
        if reached {
            for b in c.blockers {
                if !blockers.contains(&b) {
                    blockers.push(b);
                }
            }
            for n in c.notes {
                if !notes.contains(&n) {
                    notes.push(n);
                }
            }
        }
        details.push(CallTrace {
            call: c.name,
            outcome: c.decision,
            detail: c.detail,
        });
    }
    Leg {
        name: name.to_owned(),
        decision,
        blockers,
        detail: Detail {
            summary: Some(summary.to_owned()),
            calls: details,
            ..Detail::default()
        },
        notes,
    }
}
