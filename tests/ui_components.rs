//! Browser tests of the UI components (wasm32 only; natively this file is empty).
//!
//! Run: `cargo test --target wasm32-unknown-unknown --test ui_components` (the runner and headless
//! Chromium are configured in `.cargo/config.toml`). They render components with hand-made
//! results, so they check the rendering independently of the engine.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use leptos::mount::mount_to;
use leptos::prelude::*;
use secretpath::engine::checks::CheckResult;
use secretpath::engine::verdict::{Blocker, BlockerCode, Decision, Layer, Verdict};
use secretpath::ui::{CheckRow, ModelReport};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn verdict(decision: Decision, blockers: Vec<Blocker>) -> Verdict {
    Verdict {
        decision,
        blockers,
        steps: Vec::new(),
        version_stages_after: None,
        notes: Vec::new(),
    }
}

/// A fresh element in the document to mount into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    // Every descendant, filtered with `matches` (web-sys's `NodeList` is not enabled here).
    let descendants = root.get_elements_by_tag_name("*");
    (0..descendants.length())
        .filter_map(|i| descendants.item(i))
        .filter(|element| element.matches(selector).unwrap_or(false))
        .collect()
}

fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_allowed_check_shows_its_decision_in_text_and_no_blockers() {
    let root = container();
    let result = CheckResult {
        name: "app reads prod/db".to_owned(),
        expect: Some("Allowed".to_owned()),
        holds: true,
        verdict: verdict(Decision::Allowed, Vec::new()),
    };
    let _handle = mount_to(
        root.clone(),
        move || view! { <CheckRow result=result.clone() /> },
    );
    leptos::task::tick().await;

    let decision = &all(&root, "[data-testid=check-decision]")[0];
    assert_eq!(
        decision.get_attribute("data-decision").as_deref(),
        Some("Allowed")
    );
    assert!(text(decision).contains("Allowed"));
    assert!(decision.class_list().contains("decision--allowed"));
    let holds = &all(&root, "[data-testid=check-holds]")[0];
    assert_eq!(holds.get_attribute("data-holds").as_deref(), Some("true"));
    assert!(all(&root, "[data-testid=blocker]").is_empty());
}

#[wasm_bindgen_test]
async fn a_denied_check_lists_each_blocker_with_layer_component_code_and_message() {
    let root = container();
    let result = CheckResult {
        name: "app cannot read prod/other".to_owned(),
        expect: Some("Allowed".to_owned()),
        holds: false,
        verdict: verdict(
            Decision::ImplicitlyDenied,
            vec![Blocker {
                layer: Layer::IdentityPolicy,
                component: "arn:aws:iam::111111111111:role/app".to_owned(),
                code: BlockerCode::NoIdentityAllow,
                statement: None,
                message: "no identity-based policy allows secretsmanager:GetSecretValue".to_owned(),
                location: None,
            }],
        ),
    };
    let _handle = mount_to(
        root.clone(),
        move || view! { <CheckRow result=result.clone() /> },
    );
    leptos::task::tick().await;

    let decision = &all(&root, "[data-testid=check-decision]")[0];
    assert!(text(decision).contains("ImplicitlyDenied"));
    assert!(decision
        .class_list()
        .contains("decision--implicitly-denied"));
    let holds = &all(&root, "[data-testid=check-holds]")[0];
    assert_eq!(holds.get_attribute("data-holds").as_deref(), Some("false"));
    assert!(text(holds).contains("does not hold"));
    let blockers = all(&root, "[data-testid=blocker]");
    assert_eq!(blockers.len(), 1);
    let row = text(&blockers[0]);
    for expected in [
        "identity-policy",
        "arn:aws:iam::111111111111:role/app",
        "NO_IDENTITY_ALLOW",
        "no identity-based policy",
    ] {
        assert!(
            row.contains(expected),
            "blocker row {row:?} lacks {expected:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn user_text_is_shown_as_text_never_as_html() {
    let root = container();
    let result = CheckResult {
        name: "<img src=x data-injected=yes>".to_owned(),
        expect: None,
        holds: true,
        verdict: verdict(Decision::Allowed, Vec::new()),
    };
    let _handle = mount_to(
        root.clone(),
        move || view! { <CheckRow result=result.clone() /> },
    );
    leptos::task::tick().await;

    assert!(all(&root, "img").is_empty());
    assert_eq!(
        text(&all(&root, "[data-testid=check-name]")[0]),
        "<img src=x data-injected=yes>"
    );
}

#[wasm_bindgen_test]
async fn a_model_that_cannot_be_loaded_shows_its_errors_and_no_checks() {
    let root = container();
    let _handle = mount_to(
        root.clone(),
        || view! { <ModelReport model_json="{ not json".to_owned() /> },
    );
    leptos::task::tick().await;

    let errors = all(&root, "[data-testid=load-error]");
    assert_eq!(errors.len(), 1);
    assert!(!text(&errors[0]).trim().is_empty());
    assert!(all(&root, "[data-testid=check-row]").is_empty());
}
