//! Properties of whole evaluations (model → load → every query): no model makes loading or
//! evaluation panic; the order of statements and of policies never changes a decision; adding a
//! Deny statement to any policy never turns a denial into `Allowed`.
//!
//! Policies are generated from a small grammar over one fixed model (two accounts in an
//! organization, a role in each, a secret with a resource policy, a customer managed key, an SCP)
//! so that the queries below come out both allowed and denied, for many different reasons.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use secretpath::engine::checks::run_checks;
use serde_json::{json, Value};

const A: &str = "111111111111";
const B: &str = "222222222222";
const SECRET: &str = "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf";
const KEY: &str = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const APP: &str = "arn:aws:iam::111111111111:role/app";
const CONSUMER: &str = "arn:aws:iam::222222222222:role/consumer";

const ACTIONS: &[&str] = &[
    "secretsmanager:GetSecretValue",
    "secretsmanager:*",
    "secretsmanager:Get*",
    "kms:Decrypt",
    "kms:*",
    "*",
    "s3:GetObject",
];
const RESOURCES: &[&str] = &[
    "*",
    SECRET,
    "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/*",
    "arn:aws:secretsmanager:us-east-1:111111111111:secret:other-??????",
    KEY,
    "arn:aws:kms:*:111111111111:key/*",
];

fn principals() -> Vec<Value> {
    vec![
        json!("*"),
        json!({"AWS": format!("arn:aws:iam::{A}:root")}),
        json!({"AWS": APP}),
        json!({"AWS": B}),
        json!({"AWS": CONSUMER}),
        json!({"AWS": [APP, CONSUMER]}),
    ]
}

fn conditions() -> Vec<Value> {
    vec![
        json!({"StringEquals": {"aws:PrincipalAccount": A}}),
        json!({"StringNotEquals": {"aws:PrincipalAccount": A}}),
        json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        json!({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        json!({"Bool": {"aws:ViaAWSService": "true"}}),
        json!({"BoolIfExists": {"aws:ViaAWSService": "false"}}),
        json!({"StringNotEquals": {"aws:SourceVpce": "vpce-0sm11111"}}),
        json!({"Null": {"aws:SourceVpce": "true"}}),
        json!({"StringEquals": {"kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"}}),
        json!({"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorg1"}}),
        json!({"ForAnyValue:StringEquals": {"aws:CalledVia": "secretsmanager.amazonaws.com"}}),
        json!({"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}),
        json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/app"}}),
    ]
}

/// Where a statement goes: resource-based policies need a Principal, SCPs must not have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Identity,
    Resource,
    Scp,
}

fn statement(place: Place, effect: Option<&'static str>) -> impl Strategy<Value = Value> {
    let effect = match effect {
        Some(e) => Just(e).boxed(),
        None => prop_oneof![3 => Just("Allow"), 1 => Just("Deny")].boxed(),
    };
    (
        effect,
        prop::sample::subsequence(ACTIONS.to_vec(), 1..=2),
        prop::sample::select(RESOURCES.to_vec()),
        prop::sample::select(principals()),
        prop::option::weighted(0.35, prop::sample::select(conditions())),
        any::<u8>(),
    )
        .prop_map(
            move |(effect, actions, resource, principal, condition, sid)| {
                let mut s = serde_json::Map::new();
                s.insert("Sid".into(), json!(format!("S{sid}")));
                s.insert("Effect".into(), json!(effect));
                if place == Place::Resource {
                    s.insert("Principal".into(), principal);
                }
                s.insert("Action".into(), json!(actions));
                s.insert("Resource".into(), json!(resource));
                if let Some(c) = condition {
                    s.insert("Condition".into(), c);
                }
                Value::Object(s)
            },
        )
}

fn statements(
    place: Place,
    range: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec(statement(place, None), range)
}

fn document(statements: &[Value]) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

/// The generated policies of the fixed model.
#[derive(Debug, Clone)]
struct Policies {
    /// Inline policies of `app` (several, so that policy order matters to no one).
    app: Vec<Vec<Value>>,
    consumer: Vec<Value>,
    /// `None`: app has no permissions boundary.
    boundary: Option<Vec<Value>>,
    secret: Vec<Value>,
    key: Vec<Value>,
    scp: Vec<Value>,
}

/// Generated statements, after a broad Allow with probability `p` (so that the queries are
/// often allowed, and the generated statements decide).
fn biased(
    place: Place,
    base: Value,
    p: f64,
    range: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Vec<Value>> {
    (
        prop::option::weighted(p, Just(base)),
        statements(place, range),
    )
        .prop_map(|(base, rest)| base.into_iter().chain(rest).collect())
}

fn policies() -> impl Strategy<Value = Policies> {
    let identity_base = json!({"Sid": "Base", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "kms:Decrypt"], "Resource": "*"});
    let key_base = json!({"Sid": "EnableIam", "Effect": "Allow", "Principal": {"AWS": [format!("arn:aws:iam::{A}:root"), format!("arn:aws:iam::{B}:root")]}, "Action": "kms:*", "Resource": "*"});
    let secret_base = json!({"Sid": "Share", "Effect": "Allow", "Principal": {"AWS": CONSUMER}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"});
    let scp_base = json!({"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"});
    (
        prop::collection::vec(
            biased(Place::Identity, identity_base.clone(), 0.5, 0..=2),
            1..=3,
        ),
        biased(Place::Identity, identity_base.clone(), 0.6, 0..=2),
        prop::option::weighted(0.3, biased(Place::Identity, identity_base, 0.7, 0..=2)),
        biased(Place::Resource, secret_base, 0.5, 0..=2),
        biased(Place::Resource, key_base, 0.7, 0..=2),
        biased(Place::Scp, scp_base, 0.8, 0..=2),
    )
        .prop_map(|(app, consumer, boundary, secret, key, scp)| Policies {
            app,
            consumer,
            boundary,
            secret,
            key,
            scp,
        })
}

fn queries() -> Value {
    json!([
        {"Name": "app from the office", "Query": {"GetSecretValue": {"SecretId": "prod/db", "Caller": APP, "From": {"Internet": {"SourceIp": "203.0.113.10"}}}}},
        {"Name": "app from elsewhere", "Query": {"GetSecretValue": {"SecretId": "prod/db", "Caller": APP, "From": {"Internet": {"SourceIp": "198.51.100.7"}}}}},
        {"Name": "app from an unknown address", "Query": {"GetSecretValue": {"SecretId": "prod/db", "Caller": APP}}},
        {"Name": "consumer by ARN", "Query": {"GetSecretValue": {"SecretId": SECRET, "Caller": CONSUMER, "From": {"Internet": {"SourceIp": "203.0.113.10"}}}}},
        {"Name": "app simulates GetSecretValue", "Query": {"Simulate": {"Action": "secretsmanager:GetSecretValue", "Resource": SECRET, "Caller": APP}}},
        {"Name": "app simulates kms:Decrypt", "Query": {"Simulate": {"Action": "kms:Decrypt", "Resource": KEY, "Caller": APP}}},
        {"Name": "consumer simulates kms:Decrypt", "Query": {"Simulate": {"Action": "kms:Decrypt", "Resource": KEY, "Caller": CONSUMER}}}
    ])
}

fn model(p: &Policies) -> Value {
    let app_inline: Vec<Value> = p
        .app
        .iter()
        .enumerate()
        .map(|(i, s)| json!({"PolicyName": format!("app-{i}"), "PolicyDocument": document(s)}))
        .collect();
    let mut app = json!({
        "RoleName": "app", "RoleId": "AROAAPPEXAMPLE", "Arn": APP, "Path": "/",
        "Tags": [{"Key": "team", "Value": "payments"}],
        "RolePolicyList": app_inline
    });
    let mut managed = Vec::new();
    if let Some(b) = &p.boundary {
        app["PermissionsBoundary"] = json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::111111111111:policy/boundary"});
        managed.push(json!({
            "PolicyName": "boundary", "Arn": "arn:aws:iam::111111111111:policy/boundary", "DefaultVersionId": "v1",
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": document(b)}]
        }));
    }
    let mut secret = json!({
        "ARN": SECRET, "Name": "prod/db", "KmsKeyId": KEY,
        "Tags": [{"Key": "team", "Value": "payments"}],
        "VersionIdsToStages": {"v1": ["AWSCURRENT"]}
    });
    if !p.secret.is_empty() {
        secret["ResourcePolicy"] = json!(document(&p.secret).to_string());
    }
    json!({
        "Format": "secretpath/1",
        "Organization": {
            "Id": "o-exampleorg1", "ManagementAccountId": "999999999999",
            "Roots": [{"Id": "r-root"}],
            "OrganizationalUnits": [{"Id": "ou-root-prod1111", "ParentId": "r-root", "Name": "prod"}],
            "Accounts": [{"Id": A, "ParentId": "ou-root-prod1111"}, {"Id": B, "ParentId": "r-root"}],
            "Policies": [
                {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "Content": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, "Targets": ["r-root", A, B]},
                {"Id": "p-generated1", "Name": "Generated", "Type": "SERVICE_CONTROL_POLICY", "Content": document(&p.scp), "Targets": ["ou-root-prod1111"]}
            ]
        },
        "Accounts": [
            {"AccountId": A, "Iam": {"RoleDetailList": [app], "Policies": managed},
             "Regions": [{"Region": "us-east-1", "Secrets": [secret],
                          "Keys": [{"KeyMetadata": {"KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab", "Arn": KEY, "KeyState": "Enabled", "Enabled": true, "KeyManager": "CUSTOMER"},
                                    "Policy": document(&p.key).to_string()}]}]},
            {"AccountId": B, "Iam": {"RoleDetailList": [{"RoleName": "consumer", "Arn": CONSUMER, "Path": "/",
                                                         "RolePolicyList": [{"PolicyName": "consumer", "PolicyDocument": document(&p.consumer)}]}]},
             "Regions": [{"Region": "us-east-1"}]}
        ],
        "Checks": queries()
    })
}

/// The decision of every query, in order.
fn decisions(model: &Value) -> Vec<String> {
    let run = run_checks(&model.to_string());
    assert!(
        run.errors.is_empty(),
        "the fixed model must load: {:?}",
        run.errors
    );
    run.results
        .iter()
        .map(|r| r.verdict.decision.to_string())
        .collect()
}

/// A permutation of `items` chosen by `seed`.
fn permute<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut out: Vec<T> = items.to_vec();
    let mut state = seed | 1;
    for i in (1..out.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        out.swap(i, j);
    }
    out
}

/// Random JSON whose keys and strings look like a model's, to reach deep loader paths.
fn model_like_json() -> impl Strategy<Value = Value> {
    const WORDS: &[&str] = &[
        "Format",
        "secretpath/1",
        "Accounts",
        "AccountId",
        "111111111111",
        "Regions",
        "Region",
        "us-east-1",
        "Secrets",
        "ARN",
        SECRET,
        "Name",
        "KmsKeyId",
        KEY,
        "alias/aws/secretsmanager",
        "ResourcePolicy",
        "Keys",
        "KeyMetadata",
        "KeyState",
        "Disabled",
        "Policy",
        "Iam",
        "RoleDetailList",
        "RoleName",
        "Arn",
        APP,
        "RolePolicyList",
        "PolicyDocument",
        "Statement",
        "Effect",
        "Allow",
        "Deny",
        "Action",
        "Resource",
        "*",
        "Principal",
        "Condition",
        "Organization",
        "Policies",
        "Targets",
        "r-root",
        "VpcEndpoints",
        "Vpcs",
        "Subnets",
        "Instances",
        "Functions",
        "Checks",
        "Query",
        "GetSecretValue",
        "SecretId",
        "Caller",
        "Simulate",
        "VersionIdsToStages",
        "AWSCURRENT",
        "DeletedDate",
        "PermissionsBoundary",
        "Tags",
        "Key",
        "Value",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop::sample::select(WORDS).prop_map(|w| json!(w)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(WORDS), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// Replace the value at a pseudo-random path of `target` with `replacement`.
fn graft(target: &mut Value, mut seed: u64, replacement: Value) {
    let mut node = target;
    loop {
        let len = match node {
            Value::Object(m) => m.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if len == 0 || seed % 4 == 0 {
            *node = replacement;
            return;
        }
        let i = ((seed / 4) % len as u64) as usize;
        seed = seed / 4 / (len as u64).max(1) + seed.rotate_left(7) % 97;
        node = match node {
            Value::Object(m) => m.values_mut().nth(i).unwrap(),
            Value::Array(a) => &mut a[i],
            _ => unreachable!(),
        };
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Loading and evaluating never panics, whatever the model looks like.
    #[test]
    fn no_model_makes_loading_or_evaluation_panic(
        p in policies(),
        grafts in prop::collection::vec((any::<u64>(), model_like_json()), 1..4),
    ) {
        let mut m = model(&p);
        for (seed, value) in grafts {
            graft(&mut m, seed, value);
        }
        let run = run_checks(&m.to_string());
        // Either the model is rejected with messages, or every check has a verdict.
        prop_assert!(!run.errors.is_empty() || run.results.iter().all(|r| r.verdict.decision.to_string().len() > 1));
    }

    /// Arbitrary model-shaped JSON documents never panic either.
    #[test]
    fn arbitrary_model_shaped_json_never_panics(doc in model_like_json()) {
        let _ = run_checks(&doc.to_string());
    }

    /// Shuffling the statements of every policy and the order of the role's inline policies never
    /// changes any decision.
    #[test]
    fn statement_and_policy_order_never_change_a_decision(p in policies(), seed in any::<u64>()) {
        let before = decisions(&model(&p));
        let shuffled = Policies {
            app: permute(&p.app, seed).iter().enumerate().map(|(i, s)| permute(s, seed.wrapping_add(i as u64 + 1))).collect(),
            consumer: permute(&p.consumer, seed ^ 0x55),
            boundary: p.boundary.as_ref().map(|b| permute(b, seed ^ 0x66)),
            secret: permute(&p.secret, seed ^ 0x77),
            key: permute(&p.key, seed ^ 0x88),
            scp: permute(&p.scp, seed ^ 0x99),
        };
        prop_assert_eq!(before, decisions(&model(&shuffled)));
    }

    /// Adding a Deny statement to any one policy never turns a denial into `Allowed`.
    #[test]
    fn adding_a_deny_never_turns_a_denial_into_an_allow(
        p in policies(),
        which in 0usize..6,
        identity_deny in statement(Place::Identity, Some("Deny")),
        resource_deny in statement(Place::Resource, Some("Deny")),
        at in any::<prop::sample::Index>(),
    ) {
        let before = decisions(&model(&p));
        let mut q = p.clone();
        let insert = |list: &mut Vec<Value>, s: Value| {
            let i = at.index(list.len() + 1);
            list.insert(i, s);
        };
        match which {
            0 => { let n = q.app.len(); insert(&mut q.app[at.index(n)], identity_deny) }
            1 => insert(&mut q.consumer, identity_deny),
            2 => insert(q.boundary.get_or_insert_with(|| vec![json!({"Effect": "Allow", "Action": "*", "Resource": "*"})]), identity_deny),
            3 => insert(&mut q.secret, resource_deny),
            4 => insert(&mut q.key, resource_deny),
            _ => insert(&mut q.scp, identity_deny),
        }
        let after = decisions(&model(&q));
        for ((b, a), query) in before.iter().zip(&after).zip(queries().as_array().unwrap()) {
            prop_assert!(
                !(b != "Allowed" && a == "Allowed"),
                "`{}` was {b} and became Allowed after adding a Deny (policy {which})", query["Name"]
            );
        }
    }
}

/// The grammar is meaningful: over a fixed sample, queries come out both allowed and denied.
#[test]
fn generated_models_give_decisions_both_ways() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = policies();
    let mut allowed = 0;
    let mut denied = 0;
    for _ in 0..200 {
        let p = strategy.new_tree(&mut runner).unwrap().current();
        for d in decisions(&model(&p)) {
            if d == "Allowed" {
                allowed += 1;
            } else {
                denied += 1;
            }
        }
    }
    assert!(
        allowed * 5 >= allowed + denied && denied * 5 >= allowed + denied,
        "allowed {allowed}, denied {denied}"
    );
}
