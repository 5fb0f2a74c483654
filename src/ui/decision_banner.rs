//! A decision shown as a banner: symbol, the contract's term, a plain gloss, and a colour.

use leptos::prelude::*;

use crate::engine::verdict::Decision;

/// The banner for one decision. Colour is never the only signal: the symbol and the text say
/// the same thing.
#[component]
pub fn DecisionBanner(
    /// The decision to show.
    decision: Decision,
) -> impl IntoView {
    let class = format!("decision decision--{}", modifier(decision));
    view! {
        <p class=class data-testid="check-decision" data-decision=decision.as_str()>
            <span class="decision__symbol" aria-hidden="true">{symbol(decision)}</span>
            <strong class="decision__term">{decision.as_str()}</strong>
            <span class="decision__gloss">{gloss(decision)}</span>
        </p>
    }
}

/// The BEM modifier for a decision's banner.
pub(crate) fn modifier(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "allowed",
        Decision::ExplicitlyDenied => "explicitly-denied",
        Decision::ImplicitlyDenied => "implicitly-denied",
        Decision::Failed => "failed",
    }
}

fn symbol(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "✓",
        Decision::ExplicitlyDenied => "⊘",
        Decision::ImplicitlyDenied => "✕",
        Decision::Failed => "⚠",
    }
}

fn gloss(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "the call succeeds",
        Decision::ExplicitlyDenied => "a Deny statement refuses the call",
        Decision::ImplicitlyDenied => "no policy allows the call",
        Decision::Failed => "the call cannot complete (network, state or request)",
    }
}
