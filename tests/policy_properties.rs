//! Properties of the policy language: no input makes parsing or evaluation panic, and the order of
//! statements never changes which statements apply.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use secretpath::engine::context::{
    CallerIdentity, CallerKind, ContextKeys, ContextValue, RequestContext,
};
use secretpath::engine::policy::{evaluate_policy, parse_policy, PolicyKind};
use serde_json::{json, Map, Value};

const KINDS: [PolicyKind; 9] = [
    PolicyKind::Identity,
    PolicyKind::PermissionsBoundary,
    PolicyKind::Session,
    PolicyKind::Resource,
    PolicyKind::KeyPolicy,
    PolicyKind::Trust,
    PolicyKind::EndpointPolicy,
    PolicyKind::Scp,
    PolicyKind::Rcp,
];

/// Words that make random documents look like policies often enough to reach deep code paths.
const WORDS: &[&str] = &[
    "Version",
    "2012-10-17",
    "2008-10-17",
    "Statement",
    "Sid",
    "Effect",
    "Allow",
    "Deny",
    "Principal",
    "NotPrincipal",
    "AWS",
    "Service",
    "Federated",
    "*",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "StringEquals",
    "StringNotLike",
    "ForAllValues:StringLike",
    "ForAnyValue:StringNotEquals",
    "NumericLessThan",
    "DateGreaterThanIfExists",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnLike",
    "Null",
    "aws:SourceVpc",
    "aws:TagKeys",
    "aws:SourceIp",
    "aws:CurrentTime",
    "aws:PrincipalTag/team",
    "foo:Bar",
    "kms:EncryptionContext:SecretARN",
    "secretsmanager:*",
    "s3:Get?bject",
    "111122223333",
    "arn:aws:iam::111122223333:role/app",
    "arn:aws:secretsmanager:*:*:secret:prod/*",
    "arn:aws:sts::111122223333:assumed-role/app/s",
    "${aws:username}",
    "${aws:PrincipalTag/team, 'x'}",
    "${*}",
    "${",
    "10.0.0.0/8",
    "::/0",
    "%7B%22",
    "true",
    "",
    "QmluYXJ5",
    "2026-01-01T00:00:00Z",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => ".{0,12}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..6).prop_map(|entries| Value::Object(
                entries.into_iter().collect::<Map<String, Value>>()
            )),
        ]
    })
}

fn request() -> RequestContext {
    let role_arn = "arn:aws:iam::111122223333:role/app".parse().unwrap();
    let mut keys = ContextKeys::new();
    keys.set_str("aws:SourceVpc", "vpc-1");
    keys.set_str("aws:SourceIp", "10.1.2.3");
    keys.set_str("aws:CurrentTime", "2026-06-01T00:00:00Z");
    keys.set_str("aws:PrincipalTag/team", "prod");
    keys.set(
        "aws:TagKeys",
        ContextValue::Multi(vec!["a".into(), "b".into()]),
    );
    keys.mark_absent("aws:SourceVpce");
    RequestContext {
        caller: CallerIdentity {
            request_arn: "arn:aws:sts::111122223333:assumed-role/app/s".into(),
            account: "111122223333".parse().ok(),
            kind: CallerKind::RoleSession {
                role_arn,
                session_name: "s".into(),
            },
        },
        action: "secretsmanager:GetSecretValue".into(),
        resource: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf".into(),
        resource_account: "111122223333".parse().ok(),
        keys,
    }
}

/// A well-formed statement drawn from small vocabularies, so that some apply and some do not.
fn statement() -> impl Strategy<Value = Value> {
    let effect = prop::sample::select(vec!["Allow", "Deny"]);
    let action = prop::sample::select(vec![
        "*",
        "secretsmanager:Get*",
        "s3:*",
        "secretsmanager:GetSecretValue",
    ]);
    let resource = prop::sample::select(vec![
        "*",
        "arn:aws:secretsmanager:*:*:secret:prod/*",
        "arn:aws:secretsmanager:*:*:secret:dev/*",
        "arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*",
    ]);
    let condition = prop::sample::select(vec![
        json!(null),
        json!({"StringEquals": {"aws:SourceVpc": "vpc-1"}}),
        json!({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}),
        json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}),
        json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
        json!({"StringEquals": {"foo:Bar": "x"}}),
        json!({"Weird": {"aws:SourceVpc": "x"}}),
    ]);
    (effect, action, resource, condition).prop_map(|(e, a, r, c)| {
        let mut s = json!({"Effect": e, "Action": a, "Resource": r});
        if !c.is_null() {
            s["Condition"] = c;
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parsing_and_evaluating_any_json_never_panics(document in json_value()) {
        let req = request();
        for kind in KINDS {
            let parsed = parse_policy(&document, kind);
            if let Some(policy) = &parsed.policy {
                let _ = evaluate_policy(policy, kind, &req);
            }
            // The same document as a string and URL-encoded.
            let text = Value::String(document.to_string());
            let _ = parse_policy(&text, kind);
        }
    }

    #[test]
    fn parsing_any_string_never_panics(text in ".{0,200}") {
        let parsed = parse_policy(&Value::String(text), PolicyKind::Identity);
        if let Some(policy) = &parsed.policy {
            let _ = evaluate_policy(policy, PolicyKind::Identity, &request());
        }
    }

    #[test]
    fn statement_order_never_changes_which_statements_apply(
        statements in prop::collection::vec(statement(), 1..8).prop_flat_map(|v| {
            let n = v.len();
            (Just(v), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let (statements, order) = statements;
        let with_sids = |indices: &[usize]| {
            let list: Vec<Value> = indices
                .iter()
                .map(|&i| {
                    let mut s = statements[i].clone();
                    s["Sid"] = json!(format!("S{i}"));
                    s
                })
                .collect();
            json!({"Version": "2012-10-17", "Statement": list})
        };
        let applying = |doc: Value| -> BTreeSet<String> {
            let parsed = parse_policy(&doc, PolicyKind::Identity);
            let policy = parsed.policy.unwrap();
            evaluate_policy(&policy, PolicyKind::Identity, &request())
                .statements
                .into_iter()
                .filter(|s| s.applies)
                .map(|s| s.statement.0)
                .collect()
        };
        let original: Vec<usize> = (0..statements.len()).collect();
        prop_assert_eq!(applying(with_sids(&original)), applying(with_sids(&order)));
    }
}
