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
use secretpath::engine::context::{ContextEntry, ContextValue};
use secretpath::engine::graph::{GraphIndex, NodeKind};
use secretpath::engine::model::load_model;
use secretpath::engine::policy::DecidingPart;
use secretpath::engine::policy::{
    Effect, ElementCheck, ElementKind, StatementRef, StatementTrace, Tri,
};
use secretpath::engine::verdict::{
    AuthorizationTrace, CallTrace, Detail, LayerTrace, Outcome, Step,
};
use secretpath::engine::verdict::{Blocker, BlockerCode, Decision, Layer, Verdict};
use secretpath::ui::json_path::{entity_json, resolve, statement_location};
use secretpath::ui::{CheckRow, ModelReport, PolicyDocumentView, StepTree, VerdictView};
use serde_json::json;
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

/// A denied GetSecretValue: a network leg with two hops, the Secrets Manager call whose
/// resource policy denies (one condition failed), and a rotation-like step with a call.
fn denied_verdict() -> Verdict {
    let statement = StatementTrace {
        statement: StatementRef("DenyOutsideTheEndpoint".to_owned()),
        index: 1,
        effect: Effect::Deny,
        applies: true,
        principal_match: None,
        checks: vec![ElementCheck {
            element: ElementKind::Condition,
            outcome: Tri::Match,
            operator: Some("StringNotEquals".to_owned()),
            key: Some("aws:SourceVpce".to_owned()),
            policy_values: vec!["vpce-1".to_owned()],
            request_value: None,
            explanation: "key `aws:SourceVpce` is absent, so StringNotEquals is true".to_owned(),
        }],
        unsupported: Vec::new(),
    };
    let authorization = AuthorizationTrace {
        action: "secretsmanager:GetSecretValue".to_owned(),
        resource: "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbCdEf".to_owned(),
        principal: "arn:aws:sts::111111111111:assumed-role/app/s".to_owned(),
        same_account: true,
        context: vec![ContextEntry {
            name: "aws:SourceIp".to_owned(),
            value: ContextValue::Single("203.0.113.5".to_owned()),
        }],
        reasoning: vec!["an explicit Deny applies".to_owned()],
        layers: vec![LayerTrace {
            layer: Layer::ResourcePolicy,
            component: "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbCdEf".to_owned(),
            policy: "secret resource policy".to_owned(),
            level: None,
            location: Some("$.Accounts[0].Regions[0].Secrets[0].ResourcePolicy".to_owned()),
            allows: false,
            denies: true,
            statements: vec![statement],
        }],
    };
    let network = Detail::from(serde_json::json!({
        "Summary": "over the internet",
        "Hops": [
            {"Kind": "route", "Component": "rtb-1", "Admitted": true, "Reason": "default route"},
            {"Kind": "security-group", "Component": "sg-1", "Admitted": false, "Reason": "no egress to 443"}
        ]
    }));
    let call = Detail {
        summary: Some("the secret is denied".to_owned()),
        authorization: Some(Box::new(authorization)),
        ..Detail::default()
    };
    let rotation = Detail {
        calls: vec![CallTrace {
            call: "secretsmanager:PutSecretValue".to_owned(),
            outcome: Decision::ImplicitlyDenied,
            detail: Detail::summary("no Allow for PutSecretValue"),
        }],
        ..Detail::summary("createSecret")
    };
    Verdict {
        decision: Decision::ExplicitlyDenied,
        blockers: vec![Blocker {
            layer: Layer::ResourcePolicy,
            component: "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbCdEf".to_owned(),
            code: BlockerCode::ExplicitDeny,
            statement: Some("DenyOutsideTheEndpoint".to_owned()),
            message: "a Deny statement applies".to_owned(),
            location: Some(
                "$.Accounts[0].Regions[0].Secrets[0].ResourcePolicy.Statement[1]".to_owned(),
            ),
        }],
        steps: vec![
            Step {
                leg: "network".to_owned(),
                outcome: Outcome::Allowed,
                detail: network,
            },
            Step {
                leg: "secretsmanager:GetSecretValue".to_owned(),
                outcome: Outcome::ExplicitlyDenied,
                detail: call,
            },
            Step {
                leg: "createSecret".to_owned(),
                outcome: Outcome::Skipped,
                detail: rotation,
            },
        ],
        version_stages_after: Some(
            [("(new)".to_owned(), vec!["AWSPENDING".to_owned()])]
                .into_iter()
                .collect(),
        ),
        notes: vec!["a note".to_owned()],
    }
}

#[wasm_bindgen_test]
async fn the_verdict_banner_says_the_decision_in_text_symbol_and_class() {
    for (decision, term, modifier) in [
        (Decision::Allowed, "Allowed", "decision--allowed"),
        (
            Decision::ExplicitlyDenied,
            "ExplicitlyDenied",
            "decision--explicitly-denied",
        ),
        (
            Decision::ImplicitlyDenied,
            "ImplicitlyDenied",
            "decision--implicitly-denied",
        ),
        (Decision::Failed, "Failed", "decision--failed"),
    ] {
        let root = container();
        let shown = verdict(decision, Vec::new());
        let _handle = mount_to(
            root.clone(),
            move || view! { <VerdictView verdict=shown.clone() /> },
        );
        leptos::task::tick().await;
        let banner = &all(&root, "[data-testid=check-decision]")[0];
        assert!(banner.class_list().contains(modifier), "{term}");
        assert!(text(banner).contains(term));
        let symbol = &all(&root, ".decision__symbol")[0];
        assert!(!text(symbol).trim().is_empty(), "{term} has a symbol");
    }
}

#[wasm_bindgen_test]
async fn the_verdict_lists_its_blockers_with_layer_code_component_and_statement() {
    let root = container();
    let shown = denied_verdict();
    let _handle = mount_to(
        root.clone(),
        move || view! { <VerdictView verdict=shown.clone() /> },
    );
    leptos::task::tick().await;

    let blockers = all(&root, "[data-testid=verdict-blocker]");
    assert_eq!(blockers.len(), 1);
    let blocker = &blockers[0];
    assert_eq!(
        blocker.get_attribute("data-layer").as_deref(),
        Some("resource-policy")
    );
    assert_eq!(
        blocker.get_attribute("data-code").as_deref(),
        Some("EXPLICIT_DENY")
    );
    assert_eq!(
        blocker.get_attribute("data-has-policy").as_deref(),
        Some("true")
    );
    let words = text(blocker);
    for expected in [
        "secret:s-AbCdEf",
        "DenyOutsideTheEndpoint",
        "a Deny statement applies",
    ] {
        assert!(words.contains(expected), "{words:?} lacks {expected:?}");
    }
    // Clicking without the app's contexts does nothing, and does not panic.
    blocker.unchecked_ref::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    let stages = text(&all(&root, "[data-testid=version-stages]")[0]);
    assert!(stages.contains("(new)") && stages.contains("AWSPENDING"));
}

#[wasm_bindgen_test]
async fn the_steps_are_a_tree_of_legs_layers_statements_checks_hops_and_calls() {
    let root = container();
    let steps = denied_verdict().steps;
    let _handle = mount_to(
        root.clone(),
        move || view! { <StepTree steps=steps.clone() /> },
    );
    leptos::task::tick().await;

    let legs: Vec<String> = all(&root, "[data-testid=step-leg]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        legs,
        ["network", "secretsmanager:GetSecretValue", "createSecret"]
    );
    let outcomes: Vec<String> = all(&root, "[data-testid=step-outcome]")
        .iter()
        .map(text)
        .collect();
    assert!(outcomes[0].contains("Allowed") && outcomes[1].contains("ExplicitlyDenied"));
    assert!(outcomes[2].contains("Skipped"));

    // Every level is a <details>: a denied step is open, an allowed one closed.
    let steps = all(&root, "details[data-testid=step]");
    assert_eq!(steps.len(), 3);
    assert!(!steps[0].has_attribute("open"));
    assert!(steps[1].has_attribute("open"));
    assert!(steps[1].class_list().contains("step--explicitly-denied"));

    let hops: Vec<String> = all(&root, "[data-testid=hop]").iter().map(text).collect();
    assert_eq!(hops.len(), 2);
    assert!(
        hops[1].contains("sg-1") && hops[1].contains("blocks") && hops[1].contains("no egress")
    );

    let layer = text(&all(&root, "[data-testid=layer]")[0]);
    assert!(layer.contains("resource-policy") && layer.contains("denies"));
    assert!(layer.contains("DenyOutsideTheEndpoint"));
    let check = text(&all(&root, "[data-testid=element-check]")[0]);
    assert!(check.contains("StringNotEquals aws:SourceVpce"));
    assert!(check.contains("is absent"));

    let calls = text(&all(&root, "[data-testid=step-calls]")[0]);
    assert!(calls.contains("secretsmanager:PutSecretValue") && calls.contains("ImplicitlyDenied"));
}

#[wasm_bindgen_test]
async fn a_policy_document_highlights_its_deciding_statement_and_shows_markup_as_text() {
    let root = container();
    let document = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "<b>Allow</b>", "Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Sid": "Deny", "Effect": "Deny", "Action": "*", "Resource": "*"}
        ]
    });
    let _handle = mount_to(root.clone(), move || {
        view! { <PolicyDocumentView document=document.clone() decisive=Some(1) /> }
    });
    leptos::task::tick().await;

    let statements = all(&root, "[data-testid=policy-statement]");
    assert_eq!(statements.len(), 2);
    assert!(!statements[0]
        .class_list()
        .contains("policy-statement--decisive"));
    assert_eq!(statements[0].get_attribute("aria-current"), None);
    assert!(statements[1]
        .class_list()
        .contains("policy-statement--decisive"));
    assert_eq!(
        statements[1].get_attribute("aria-current").as_deref(),
        Some("true")
    );
    assert_eq!(
        statements[1].get_attribute("data-sid").as_deref(),
        Some("Deny")
    );
    assert!(all(&root, "b").is_empty());
    let whole: serde_json::Value =
        serde_json::from_str(&text(&all(&root, "[data-testid=policy-document]")[0])).unwrap();
    assert_eq!(whole["Statement"][0]["Sid"], "<b>Allow</b>");
}

#[wasm_bindgen_test]
async fn the_deciding_condition_is_marked_inside_the_deciding_statement() {
    let root = container();
    let document = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "DenyOutsideTheEndpoint", "Effect": "Deny", "Action": "*", "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1", "aws:SourceVpc": "vpc-1"}}
        }]
    });
    let deciding = vec![DecidingPart::Condition {
        operator: "StringNotEquals".to_owned(),
        key: "aws:SourceVpce".to_owned(),
    }];
    let _handle = mount_to(root.clone(), move || {
        view! { <PolicyDocumentView document=document.clone() decisive=Some(0) deciding=deciding.clone() /> }
    });
    leptos::task::tick().await;

    let marked: Vec<String> = all(&root, "[data-testid=deciding-line]")
        .iter()
        .map(|line| text(line).trim().to_owned())
        .collect();
    assert_eq!(marked, ["\"aws:SourceVpce\": \"vpce-1\","]);
    // The document's text is still the policy, whole.
    let whole: serde_json::Value =
        serde_json::from_str(&text(&all(&root, "[data-testid=policy-document]")[0])).unwrap();
    assert_eq!(
        whole["Statement"][0]["Condition"]["StringNotEquals"]["aws:SourceVpc"],
        "vpc-1"
    );
}

#[wasm_bindgen_test]
fn a_location_inside_a_string_document_resolves_and_entities_are_found_without_secrets() {
    let model = serde_json::json!({"Accounts": [{"AccountId": "111111111111", "Regions": [{
        "Secrets": [{"ARN": "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbCdEf",
                     "Name": "s", "SecretString": "hunter2",
                     "ResourcePolicy": "{\"Statement\":[{\"Sid\":\"A\"},{\"Sid\":\"B\"}]}"}]
    }]}]});
    let at = statement_location("$.Accounts[0].Regions[0].Secrets[0].ResourcePolicy.Statement[1]");
    assert_eq!(at.index, 1);
    let document = resolve(&model, &at.document).unwrap();
    assert_eq!(document["Statement"][1]["Sid"], "B");
    let sid = resolve(
        &model,
        "$.Accounts[0].Regions[0].Secrets[0].ResourcePolicy.Statement[1].Sid",
    );
    assert_eq!(sid.unwrap().as_str(), Some("B"));

    // The entity of a graph node, from the file, without its secret material.
    let mut file: serde_json::Value =
        serde_json::from_str(secretpath::ui::QUICKSTART_MODEL).unwrap();
    file["Accounts"][0]["Regions"][0]["Secrets"][0]["SecretString"] = "hunter2".into();
    let loaded = load_model(&file.to_string()).unwrap();
    let index = GraphIndex::build(&loaded.model);
    let secret = index.of_kind(NodeKind::Secret)[0].clone();
    let (path, shown) = entity_json(&file, &secret).unwrap();
    assert_eq!(path, "$.Accounts[0].Regions[0].Secrets[0]");
    assert!(shown.get("SecretString").is_none());
    assert!(shown.get("Name").is_some());
}

// --- editing ---------------------------------------------------------------------------------

use secretpath::engine::edit::{EntityKind, EntityPath};
use secretpath::ui::context::EditorTarget;
use secretpath::ui::editor::{edited_document, policy_reports};
use secretpath::ui::files::{export_file_name, export_text};
use secretpath::ui::json_highlight::{highlight, path_within, statement_index, TokenKind};

#[wasm_bindgen_test]
fn the_highlighter_gives_each_token_its_kind_and_json_path() {
    let text = "{\n  \"A\": [1, {\"B\": true}],\n  \"C\": \"x\"\n}";
    let lines = highlight(text);
    assert_eq!(lines.len(), 4);
    let all: Vec<_> = lines.iter().flatten().collect();
    let joined: String = all
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("");
    assert_eq!(joined.replace('\n', ""), text.replace('\n', ""));
    let find = |text: &str| {
        all.iter()
            .find(|t| t.text == text)
            .map(|t| (t.kind, t.path.clone()))
    };
    assert_eq!(find("\"A\""), Some((TokenKind::Key, "$.A".to_owned())));
    assert_eq!(find("1"), Some((TokenKind::Number, "$.A[0]".to_owned())));
    assert_eq!(
        find("true"),
        Some((TokenKind::Literal, "$.A[1].B".to_owned()))
    );
    assert_eq!(find("\"x\""), Some((TokenKind::String, "$.C".to_owned())));
    assert!(path_within("$.A[1].B", "$.A[1]"));
    assert!(!path_within("$.AB", "$.A"));
    assert_eq!(statement_index("Statement[2] (Sid \"A\").Effect"), Some(2));
    // Markup is just text in a token.
    let hostile = highlight("{\"<img src=x onerror=alert(1)>\": 1}");
    assert!(hostile.iter().flatten().any(|t| t.text.contains("<img")));
}

#[wasm_bindgen_test]
fn policy_diagnostics_name_the_statement_at_fault() {
    let role = json!({
        "RoleName": "app",
        "Arn": "arn:aws:iam::111111111111:role/app",
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"},
            {"Effect": "Alow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}}]
    });
    let reports = policy_reports(EntityKind::Role, &role);
    assert_eq!(reports.len(), 2, "{reports:?}");
    assert!(reports[0].diagnostics.is_empty(), "{reports:?}");
    let bad = &reports[1];
    assert_eq!(bad.path, "$.RolePolicyList[0].PolicyDocument");
    assert!(bad.diagnostics.iter().any(|d| d.error
        && d.statement_path.as_deref() == Some("$.RolePolicyList[0].PolicyDocument.Statement[1]")));
}

#[wasm_bindgen_test]
fn an_edit_that_breaks_the_model_is_refused_and_a_valid_one_applied() {
    let doc: serde_json::Value = serde_json::from_str(secretpath::ui::QUICKSTART_MODEL).unwrap();
    let path: EntityPath = "$.Accounts[0].Iam.RoleDetailList[0]".parse().unwrap();
    let target = EditorTarget::Existing {
        path: path.clone(),
        kind: EntityKind::Role,
        label: "app".into(),
    };
    let role = path.get(&doc).unwrap().clone();
    let mut broken = role.clone();
    broken["RolePolicyList"][0]["PolicyDocument"]["Statement"][0]["Effect"] = json!("Alow");
    let refused = edited_document(&doc, &target, &broken.to_string(), "", "").unwrap_err();
    assert!(
        refused
            .iter()
            .any(|e| e.contains("$.Accounts[0].Iam.RoleDetailList[0]")),
        "{refused:?}"
    );
    assert!(edited_document(&doc, &target, "{ not json", "", "").is_err());
    let mut deny = role;
    deny["RolePolicyList"][0]["PolicyDocument"]["Statement"][0]["Effect"] = json!("Deny");
    let next = edited_document(&doc, &target, &deny.to_string(), "", "").unwrap();
    assert_eq!(
        next["Accounts"][0]["Iam"]["RoleDetailList"][0]["RolePolicyList"][0]["PolicyDocument"]
            ["Statement"][0]["Effect"],
        "Deny"
    );
    // A new role from the template loads in the model's account.
    let new = EditorTarget::New {
        kind: EntityKind::Role,
    };
    let text =
        secretpath::engine::edit::template(&doc, EntityKind::Role, "111111111111", "us-east-1")
            .to_string();
    assert!(edited_document(&doc, &new, &text, "111111111111", "us-east-1").is_ok());
}

#[wasm_bindgen_test]
fn exports_and_share_links_never_carry_secret_values() {
    let doc = json!({"Format": "secretpath/1", "Accounts": [{"AccountId": "111111111111", "Regions": [{
        "Region": "us-east-1",
        "Secrets": [{"ARN": "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbCdEf", "Name": "s",
                     "SecretString": "hunter2-top-secret"}]}]}]});
    let exported = export_text(&doc);
    assert!(!exported.contains("hunter2"), "{exported}");
    assert!(exported.contains("\"Name\": \"s\""));
    let fragment = secretpath::engine::edit::share::encode(&doc.to_string()).unwrap();
    let decoded = secretpath::engine::edit::share::decode(&fragment).unwrap();
    assert!(!decoded.contains("hunter2"));
    assert!(decoded.contains("s-AbCdEf"));
    assert_eq!(
        export_file_name("Quickstart: one role!"),
        "secretpath-quickstart-one-role.json"
    );
}

// --- the entity form ---------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_form_labels_every_input_offers_the_models_keys_and_keeps_unknown_members() {
    use secretpath::ui::entity_form::{EntityForm, FormDraft};
    let key_arn = "arn:aws:kms:us-east-1:111111111111:key/k1";
    let doc = json!({"Format": "secretpath/1", "Accounts": [{"AccountId": "111111111111", "Regions": [{
        "Region": "us-east-1",
        "Keys": [{"KeyMetadata": {"KeyId": "k1", "Arn": key_arn}, "Aliases": [{"AliasName": "alias/<b>app</b>"}]}]
    }]}]});
    let secret = json!({"ARN": "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbCdEf",
                        "Name": "s", "CreatedDate": "kept", "RotationRules": {"AutomaticallyAfterDays": 30}});
    let root = container();
    let draft_text = RwSignal::new(serde_json::to_string_pretty(&secret).unwrap());
    let _handle = mount_to(root.clone(), move || {
        let parsed =
            Memo::new(move |_| serde_json::from_str::<serde_json::Value>(&draft_text.get()).ok());
        view! { <EntityForm kind=EntityKind::Secret draft=FormDraft { text: draft_text, parsed } doc=doc.clone() /> }
    });
    leptos::task::tick().await;

    // Every input, picker and text area has a label naming it.
    let inputs = all(&root, "input, select, textarea");
    assert!(inputs.len() > 10, "{}", inputs.len());
    for input in &inputs {
        let id = input.id();
        let labelled = !id.is_empty() && !all(&root, &format!("label[for=\"{id}\"]")).is_empty();
        assert!(labelled, "no label for {}", input.outer_html());
    }
    let name = &all(&root, "input[data-field=Name]")[0];
    assert_eq!(
        name.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "s"
    );
    let days = &all(&root, "input[data-field=AutomaticallyAfterDays]")[0];
    assert_eq!(
        days.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "30"
    );

    // The key picker lists the model's key, its alias shown as text.
    let picker = &all(&root, "select[data-field=KmsKeyId]")[0];
    let options: Vec<String> = all(picker.unchecked_ref(), "option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap_or_default())
        .collect();
    assert!(options.contains(&key_arn.to_owned()), "{options:?}");
    assert!(
        all(&root, "b").is_empty(),
        "user text is never rendered as HTML"
    );
    assert!(text(picker).contains("alias/<b>app</b>"));

    // Picking writes the AWS field; members the form does not show are kept.
    let select: &web_sys::HtmlSelectElement = picker.unchecked_ref();
    select.set_value(key_arn);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    let edited: serde_json::Value = serde_json::from_str(&draft_text.get_untracked()).unwrap();
    assert_eq!(edited["KmsKeyId"], key_arn);
    assert_eq!(edited["CreatedDate"], "kept");
    assert_eq!(edited["RotationRules"]["AutomaticallyAfterDays"], 30);
}

#[wasm_bindgen_test]
fn an_accounts_policies_are_each_checked_as_the_kind_that_holds_them() {
    // A key policy inside an account is a key policy (its Principal is allowed), a role's inline
    // policy an identity policy (a Principal is not).
    let account = json!({"AccountId": "111111111111",
        "Iam": {"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111111111111:role/r",
            "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}}]}]},
        "Regions": [{"Region": "us-east-1", "Keys": [{"KeyMetadata": {"KeyId": "k"}, "Policy": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*", "Resource": "*"}]}}]}]});
    let reports = policy_reports(EntityKind::Account, &account);
    let key = reports
        .iter()
        .find(|r| r.path == "$.Regions[0].Keys[0].Policy")
        .unwrap();
    assert_eq!(key.kind, secretpath::engine::policy::PolicyKind::KeyPolicy);
    assert!(
        key.diagnostics.iter().all(|d| !d.error),
        "{:?}",
        key.diagnostics
    );
    let inline = reports
        .iter()
        .find(|r| r.path.starts_with("$.Iam.RoleDetailList[0]"))
        .unwrap();
    assert_eq!(
        inline.kind,
        secretpath::engine::policy::PolicyKind::Identity
    );
    assert!(inline.diagnostics.iter().any(|d| d.error));
}

#[wasm_bindgen_test]
fn compiled_in_examples_are_the_example_files_without_their_whitespace() {
    let files = [
        (
            "quickstart.json",
            include_str!("../public/examples/quickstart.json"),
        ),
        (
            "exam-1-rotating-rds-credentials-read-from-ec2.json",
            include_str!("../public/examples/exam-1-rotating-rds-credentials-read-from-ec2.json"),
        ),
        (
            "exam-2-leaked-key-replaced-by-managed-secret.json",
            include_str!("../public/examples/exam-2-leaked-key-replaced-by-managed-secret.json"),
        ),
        (
            "exam-3-cross-account-resource-and-key-policy.json",
            include_str!("../public/examples/exam-3-cross-account-resource-and-key-policy.json"),
        ),
        (
            "exam-4-private-subnet-interface-endpoint.json",
            include_str!("../public/examples/exam-4-private-subnet-interface-endpoint.json"),
        ),
        (
            "exam-5-secrets-manager-vs-parameter-store.json",
            include_str!("../public/examples/exam-5-secrets-manager-vs-parameter-store.json"),
        ),
        (
            "net-1-private-subnet-without-egress.json",
            include_str!("../public/examples/net-1-private-subnet-without-egress.json"),
        ),
        (
            "net-2-private-dns-off.json",
            include_str!("../public/examples/net-2-private-dns-off.json"),
        ),
        (
            "net-3-endpoint-sg-wrong-cidr.json",
            include_str!("../public/examples/net-3-endpoint-sg-wrong-cidr.json"),
        ),
        (
            "rot-1-function-cannot-reach-database.json",
            include_str!("../public/examples/rot-1-function-cannot-reach-database.json"),
        ),
        (
            "rot-2-fails-at-finish-secret.json",
            include_str!("../public/examples/rot-2-fails-at-finish-secret.json"),
        ),
        (
            "rot-3-alternating-users-with-superuser-secret.json",
            include_str!("../public/examples/rot-3-alternating-users-with-superuser-secret.json"),
        ),
        (
            "lifecycle-1-deletion-and-recovery-window.json",
            include_str!("../public/examples/lifecycle-1-deletion-and-recovery-window.json"),
        ),
        (
            "rot-4-single-user-rotation.json",
            include_str!("../public/examples/rot-4-single-user-rotation.json"),
        ),
    ];
    for (file, original) in files {
        let compiled = secretpath::ui::example_text(file).unwrap();
        assert!(compiled.len() < original.len(), "{file}");
        let compiled: serde_json::Value = serde_json::from_str(compiled).unwrap();
        let original: serde_json::Value = serde_json::from_str(original).unwrap();
        assert_eq!(compiled, original, "{file}");
    }
    assert_eq!(secretpath::ui::examples().len(), files.len());
}
