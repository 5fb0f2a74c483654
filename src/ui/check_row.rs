//! One check of a model: its name, decision, whether its `Expect` holds, and its blockers.

use leptos::prelude::*;

use super::decision_banner::DecisionBanner;
use crate::engine::checks::CheckResult;
use crate::engine::verdict::Blocker;

/// One entry of the model's `Checks`, evaluated.
#[component]
pub fn CheckRow(
    /// The check's result, as `secretpath check --json` reports it.
    result: CheckResult,
    /// Whether this check's verdict is the one on display.
    #[prop(optional)]
    selected: Option<Signal<bool>>,
    /// Actions shown in the row's head (the Checks tab's "Run" button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let CheckResult {
        name,
        expect,
        holds,
        verdict,
    } = result;
    let holds_class = if holds {
        "check__holds check__holds--yes"
    } else {
        "check__holds check__holds--no"
    };
    let holds_text = match (&expect, holds) {
        (Some(expect), true) => format!("✓ Expect {expect}: holds"),
        (Some(expect), false) => format!("✕ Expect {expect}: does not hold"),
        (None, _) => "No Expect given: holds".to_owned(),
    };
    let blockers = verdict.blockers;
    let has_blockers = !blockers.is_empty();

    view! {
        <li
            class="check"
            class:check--selected=move || selected.is_some_and(|s| s.get())
            data-testid="check-row"
        >
            <div class="check__head">
                <h3 class="check__name" data-testid="check-name">{name}</h3>
                <p class=holds_class data-testid="check-holds" data-holds=holds.to_string()>{holds_text}</p>
                {children.map(|c| view! { <div class="check__actions">{c()}</div> })}
            </div>
            <DecisionBanner decision=verdict.decision />
            {has_blockers
                .then(|| {
                    view! {
                        <table class="blockers">
                            <caption class="blockers__caption">"Blocked by"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Layer"</th>
                                    <th scope="col">"Component"</th>
                                    <th scope="col">"Code"</th>
                                    <th scope="col">"Message"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {blockers.into_iter().map(|blocker| view! { <BlockerRow blocker=blocker /> }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
        </li>
    }
}

/// One blocker: the layer, the AWS id of the blocking component, the stable code, the message.
#[component]
fn BlockerRow(
    /// The blocker to show.
    blocker: Blocker,
) -> impl IntoView {
    let Blocker {
        layer,
        component,
        code,
        statement,
        message,
        ..
    } = blocker;
    view! {
        <tr class="blocker" data-testid="blocker">
            <td class="blocker__layer">{layer.as_str()}</td>
            <td class="blocker__component"><code>{component}</code></td>
            <td class="blocker__code"><code>{code.as_str()}</code></td>
            <td class="blocker__message">
                {message}
                {statement.map(|statement| view! { <span class="blocker__statement">" (statement " {statement} ")"</span> })}
            </td>
        </tr>
    }
}
