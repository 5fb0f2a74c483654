//! The IAM policy language, one rule per test. Each test states the rule in its name and checks
//! it through one helper: `check` (which statements apply), `condition` (one condition's outcome)
//! or `diagnostics` (what the parser reports).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use secretpath::engine::context::{
    CallerIdentity, CallerKind, ContextKeys, ContextValue, RequestContext,
};
use secretpath::engine::ids::Arn;
use secretpath::engine::policy::{
    deciding_parts, evaluate_policy, parse_policy, statement_lines, ElementKind, PolicyEvaluation,
    PolicyKind, PrincipalMatch, Severity, Tri, DIAGNOSTIC_CODES,
};
use serde_json::{json, Value};

const ACCOUNT: &str = "111122223333";
const OTHER_ACCOUNT: &str = "444455556666";
const SECRET: &str = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
const ROLE: &str = "arn:aws:iam::111122223333:role/app/web";

// ---------------------------------------------------------------- helpers

/// A request description: built from an action and a resource, a role session by default.
struct Req(RequestContext);

fn arn(s: &str) -> Arn {
    s.parse().unwrap()
}

fn role_session(role: &str, session: &str) -> CallerIdentity {
    let role_arn = arn(role);
    let name = role_arn.resource().rsplit('/').next().unwrap().to_owned();
    CallerIdentity {
        request_arn: format!(
            "arn:aws:sts::{}:assumed-role/{name}/{session}",
            role_arn.account()
        ),
        account: role_arn.account_id(),
        kind: CallerKind::RoleSession {
            role_arn,
            session_name: session.to_owned(),
        },
    }
}

fn user(user_arn: &str) -> CallerIdentity {
    let a = arn(user_arn);
    CallerIdentity {
        request_arn: user_arn.to_owned(),
        account: a.account_id(),
        kind: CallerKind::User { user_arn: a },
    }
}

fn service(name: &str) -> CallerIdentity {
    CallerIdentity {
        request_arn: name.to_owned(),
        account: None,
        kind: CallerKind::Service {
            name: name.to_owned(),
        },
    }
}

fn anonymous() -> CallerIdentity {
    CallerIdentity {
        request_arn: "*".to_owned(),
        account: None,
        kind: CallerKind::Anonymous,
    }
}

impl Req {
    fn new(action: &str, resource: &str) -> Req {
        Req(RequestContext {
            caller: role_session(ROLE, "i-0123"),
            action: action.to_owned(),
            resource: resource.to_owned(),
            resource_account: ACCOUNT.parse().ok(),
            keys: ContextKeys::new(),
        })
    }
    fn get() -> Req {
        Req::new("secretsmanager:GetSecretValue", SECRET)
    }
    fn key(mut self, name: &str, value: &str) -> Req {
        self.0.keys.set_str(name, value);
        self
    }
    fn multi(mut self, name: &str, values: &[&str]) -> Req {
        self.0.keys.set(
            name,
            ContextValue::Multi(values.iter().map(|v| (*v).to_owned()).collect()),
        );
        self
    }
    fn absent(mut self, name: &str) -> Req {
        self.0.keys.mark_absent(name.to_owned());
        self
    }
    fn caller(mut self, caller: CallerIdentity) -> Req {
        self.0.caller = caller;
        self
    }
}

fn evaluate(kind: PolicyKind, policy: Value, req: &Req) -> PolicyEvaluation {
    let parsed = parse_policy(&policy, kind);
    let errors: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    evaluate_policy(parsed.policy.as_ref().unwrap(), kind, &req.0)
}

/// Assert which statements apply, in order.
fn check(kind: PolicyKind, policy: Value, req: &Req, expected: &[bool]) -> PolicyEvaluation {
    let eval = evaluate(kind, policy, req);
    let got: Vec<bool> = eval.statements.iter().map(|s| s.applies).collect();
    assert_eq!(got, expected, "trace: {:#?}", eval.statements);
    eval
}

fn check_identity(policy: Value, req: &Req, expected: &[bool]) -> PolicyEvaluation {
    check(PolicyKind::Identity, policy, req, expected)
}

/// An identity policy with one Allow statement on everything and this condition block.
fn with_condition(condition: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": condition}]})
}

/// The outcome of the single condition `{op: {key: values}}` against `req`.
fn condition(op: &str, key: &str, values: Value, req: &Req) -> Tri {
    let eval = evaluate(
        PolicyKind::Identity,
        with_condition(json!({op: {key: values}})),
        req,
    );
    let check = eval.statements[0]
        .checks
        .iter()
        .find(|c| c.element == ElementKind::Condition)
        .unwrap();
    assert!(!check.explanation.is_empty());
    check.outcome
}

fn diagnostics(kind: PolicyKind, document: Value) -> Vec<(Severity, String, String)> {
    parse_policy(&document, kind)
        .diagnostics
        .into_iter()
        .map(|d| (d.severity, d.code, d.location))
        .collect()
}

fn has(kind: PolicyKind, document: Value, severity: Severity, code: &str) {
    let found = diagnostics(kind, document);
    assert!(
        found.iter().any(|(s, c, _)| *s == severity && c == code),
        "expected {severity:?} {code}, got {found:#?}"
    );
    assert!(
        DIAGNOSTIC_CODES.iter().any(|(c, _)| *c == code),
        "{code} missing from DIAGNOSTIC_CODES"
    );
}

fn allow(action: Value, resource: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})
}

// ---------------------------------------------------------------- parsing

#[test]
fn statement_as_single_object_parses() {
    let doc = json!({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"}});
    check_identity(doc, &Req::get(), &[true]);
}

#[test]
fn json_string_policy_parses() {
    let doc = Value::String(allow(json!("*"), json!("*")).to_string());
    check_identity(doc, &Req::get(), &[true]);
}

#[test]
fn url_encoded_policy_parses() {
    let text = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22secretsmanager%3AGetSecretValue%22%2C%22Resource%22%3A%22*%22%7D%5D%7D";
    check_identity(Value::String(text.to_owned()), &Req::get(), &[true]);
}

#[test]
fn condition_numbers_and_booleans_become_text() {
    let parsed = parse_policy(
        &with_condition(
            json!({"Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 1.5]}}),
        ),
        PolicyKind::Identity,
    );
    let policy = parsed.policy.unwrap();
    let values: Vec<Vec<String>> = policy.statements[0]
        .conditions
        .iter()
        .map(|c| c.values.clone())
        .collect();
    assert_eq!(
        values,
        vec![
            vec!["true".to_owned()],
            vec!["3600".to_owned(), "1.5".to_owned()]
        ]
    );
}

#[test]
fn a_document_that_is_not_an_object_is_malformed() {
    has(
        PolicyKind::Identity,
        json!([1, 2]),
        Severity::Error,
        "MALFORMED_POLICY",
    );
    has(
        PolicyKind::Identity,
        json!("not json"),
        Severity::Error,
        "MALFORMED_POLICY",
    );
    assert!(parse_policy(&json!(42), PolicyKind::Identity)
        .policy
        .is_none());
}

#[test]
fn all_diagnostics_are_accumulated_with_locations() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "A", "Effect": "Permit", "Action": "s3:GetObject"},
        {"Sid": "C", "Effect": "Allow", "Action": "s3:*", "NotAction": "s3:Put*", "Resource": "*",
         "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}, "Bogus": {"aws:SourceVpc": "x"}}}
    ]});
    let found = diagnostics(PolicyKind::Identity, doc);
    let codes: Vec<&str> = found.iter().map(|(_, c, _)| c.as_str()).collect();
    for expected in [
        "INVALID_EFFECT",
        "MISSING_RESOURCE",
        "BOTH_ACTION_AND_NOT_ACTION",
        "UNKNOWN_OPERATOR",
        "DUPLICATE_SID",
    ] {
        assert!(codes.contains(&expected), "{expected} not in {found:#?}");
    }
    assert!(found.iter().any(
        |(_, c, l)| c == "UNKNOWN_OPERATOR" && l == "Statement[2] (Sid \"C\").Condition.Bogus"
    ));
    assert!(found
        .iter()
        .any(|(_, c, l)| c == "INVALID_EFFECT" && l == "Statement[1] (Sid \"A\").Effect"));
}

#[test]
fn missing_effect_is_an_error() {
    has(
        PolicyKind::Identity,
        json!({"Statement": [{"Action": "*", "Resource": "*"}]}),
        Severity::Error,
        "MISSING_EFFECT",
    );
}

#[test]
fn missing_action_is_an_error() {
    has(
        PolicyKind::Identity,
        json!({"Statement": [{"Effect": "Allow", "Resource": "*"}]}),
        Severity::Error,
        "MISSING_ACTION",
    );
}

#[test]
fn resource_and_not_resource_together_is_an_error() {
    has(
        PolicyKind::Identity,
        json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}]}),
        Severity::Error,
        "BOTH_RESOURCE_AND_NOT_RESOURCE",
    );
}

#[test]
fn principal_and_not_principal_together_is_an_error() {
    has(
        PolicyKind::Resource,
        json!({"Statement": [{"Effect": "Allow", "Principal": "*", "NotPrincipal": {"AWS": ACCOUNT}, "Action": "*", "Resource": "*"}]}),
        Severity::Error,
        "BOTH_PRINCIPAL_AND_NOT_PRINCIPAL",
    );
}

#[test]
fn principal_in_an_identity_policy_is_an_error() {
    for kind in [
        PolicyKind::Identity,
        PolicyKind::PermissionsBoundary,
        PolicyKind::Session,
        PolicyKind::Scp,
    ] {
        has(
            kind,
            json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}),
            Severity::Error,
            "PRINCIPAL_NOT_ALLOWED",
        );
    }
}

#[test]
fn missing_principal_in_a_resource_policy_is_an_error() {
    for kind in [
        PolicyKind::Resource,
        PolicyKind::KeyPolicy,
        PolicyKind::Trust,
        PolicyKind::Rcp,
    ] {
        has(
            kind,
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
            Severity::Error,
            "MISSING_PRINCIPAL",
        );
    }
}

#[test]
fn endpoint_policy_without_principal_or_resource_covers_everyone_and_everything() {
    let doc =
        json!({"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue"}]});
    let eval = check(PolicyKind::EndpointPolicy, doc, &Req::get(), &[true]);
    assert_eq!(
        eval.statements[0].principal_match,
        Some(PrincipalMatch::Wildcard)
    );
}

#[test]
fn trust_policy_needs_no_resource() {
    let doc = json!({"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let req = Req::new("sts:AssumeRole", ROLE).caller(service("lambda.amazonaws.com"));
    check(PolicyKind::Trust, doc, &req, &[true]);
}

#[test]
fn invalid_version_is_an_error() {
    has(
        PolicyKind::Identity,
        json!({"Version": "2020-01-01", "Statement": []}),
        Severity::Error,
        "INVALID_VERSION",
    );
}

#[test]
fn missing_statement_is_an_error() {
    has(
        PolicyKind::Identity,
        json!({"Version": "2012-10-17"}),
        Severity::Error,
        "MISSING_STATEMENT",
    );
}

#[test]
fn condition_block_that_is_not_an_object_is_an_error() {
    has(
        PolicyKind::Identity,
        with_condition(json!({"StringEquals": "x"})),
        Severity::Error,
        "INVALID_CONDITION",
    );
    has(
        PolicyKind::Identity,
        with_condition(json!(["x"])),
        Severity::Error,
        "INVALID_CONDITION",
    );
}

#[test]
fn malformed_resource_arn_is_a_warning_and_never_matches() {
    let doc = allow(json!("*"), json!("prod/db-AbCdEf"));
    has(
        PolicyKind::Identity,
        doc.clone(),
        Severity::Warning,
        "MALFORMED_ARN",
    );
    check_identity(doc, &Req::get(), &[false]);
}

#[test]
fn partial_wildcard_in_principal_is_an_error() {
    has(
        PolicyKind::Resource,
        json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/*"}, "Action": "*", "Resource": "*"}]}),
        Severity::Error,
        "PRINCIPAL_WILDCARD",
    );
}

#[test]
fn null_with_a_value_other_than_true_or_false_is_an_error() {
    has(
        PolicyKind::Identity,
        with_condition(json!({"Null": {"aws:SourceVpc": "yes"}})),
        Severity::Error,
        "INVALID_NULL_VALUE",
    );
}

#[test]
fn for_all_values_on_single_valued_key_is_a_warning() {
    has(
        PolicyKind::Identity,
        with_condition(json!({"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}})),
        Severity::Warning,
        "FOR_ALL_VALUES_ON_SINGLE_VALUED_KEY",
    );
}

#[test]
fn for_all_values_on_encryption_context_is_rejected_in_key_policies() {
    let doc = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
        "Condition": {"ForAllValues:StringEquals": {"kms:EncryptionContext:SecretARN": SECRET}}}]});
    has(
        PolicyKind::KeyPolicy,
        doc.clone(),
        Severity::Error,
        "OVERLY_PERMISSIVE_CONDITION",
    );
    let doc_identity = json!({"Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
        "Condition": {"ForAnyValue:StringEquals": {"kms:EncryptionContext:SecretARN": SECRET}}}]});
    has(
        PolicyKind::Identity,
        doc_identity,
        Severity::Warning,
        "SET_OPERATOR_ON_ENCRYPTION_CONTEXT",
    );
}

#[test]
fn policy_variables_without_version_2012_are_literal_with_a_warning() {
    let doc = json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/${aws:username}/*"}]});
    has(
        PolicyKind::Identity,
        doc.clone(),
        Severity::Warning,
        "VARIABLES_NEED_VERSION_2012",
    );
    let alice =
        Req::new("s3:GetObject", "arn:aws:s3:::bucket/alice/x").key("aws:username", "alice");
    check_identity(doc.clone(), &alice, &[false]);
    let literal = Req::new("s3:GetObject", "arn:aws:s3:::bucket/${aws:username}/x")
        .key("aws:username", "alice");
    check_identity(doc, &literal, &[true]);
}

#[test]
fn unknown_statement_element_makes_the_statement_deny_only() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Extra": 1},
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Extra": 1}
    ]});
    has(
        PolicyKind::Identity,
        doc.clone(),
        Severity::Warning,
        "UNKNOWN_ELEMENT",
    );
    check_identity(doc, &Req::get(), &[false, true]);
}

#[test]
fn diagnostic_codes_are_unique_and_screaming_snake() {
    let mut seen = std::collections::HashSet::new();
    for (code, description) in DIAGNOSTIC_CODES {
        assert!(seen.insert(*code), "duplicate {code}");
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "{code}"
        );
        assert!(!description.is_empty());
    }
}

// ---------------------------------------------------------------- Action and Resource

#[test]
fn actions_match_case_insensitively() {
    check_identity(
        allow(json!("SecretsManager:getsecretvalue"), json!("*")),
        &Req::get(),
        &[true],
    );
    check_identity(
        allow(json!("secretsmanager:Get*"), json!("*")),
        &Req::get(),
        &[true],
    );
    check_identity(
        allow(json!("secrets*:GetSecret?alue"), json!("*")),
        &Req::get(),
        &[true],
    );
    check_identity(allow(json!("*"), json!("*")), &Req::get(), &[true]);
    check_identity(
        allow(json!("secretsmanager:Describe*"), json!("*")),
        &Req::get(),
        &[false],
    );
}

#[test]
fn not_action_covers_actions_it_does_not_list() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "NotAction": "secretsmanager:Describe*", "Resource": "*"},
        {"Effect": "Deny", "NotAction": ["secretsmanager:GetSecretValue"], "Resource": "*"}
    ]});
    check_identity(doc, &Req::get(), &[true, false]);
}

#[test]
fn resources_match_case_sensitively() {
    check_identity(allow(json!("*"), json!(SECRET)), &Req::get(), &[true]);
    check_identity(
        allow(
            json!("*"),
            json!(SECRET.to_uppercase().replace("ARN:AWS", "arn:aws")),
        ),
        &Req::get(),
        &[false],
    );
    check_identity(
        allow(
            json!("*"),
            json!("arn:aws:secretsmanager:us-east-1:111122223333:secret:Prod/*"),
        ),
        &Req::get(),
        &[false],
    );
}

#[test]
fn secret_arn_suffix_needs_six_question_marks() {
    // S19: secret ARNs end in `-` and six random characters.
    let exact = json!("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-??????");
    check_identity(allow(json!("*"), exact.clone()), &Req::get(), &[true]);
    let five = json!("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-?????");
    check_identity(allow(json!("*"), five), &Req::get(), &[false]);
    // `name-*` over-matches another secret whose name starts the same way.
    let other = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-admin-XyZ123";
    let star = json!("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-*");
    check_identity(
        allow(json!("*"), star),
        &Req::new("secretsmanager:GetSecretValue", other),
        &[true],
    );
    check_identity(
        allow(json!("*"), exact),
        &Req::new("secretsmanager:GetSecretValue", other),
        &[false],
    );
}

#[test]
fn resource_wildcard_spans_slashes_and_colons_in_the_resource_part() {
    let doc = allow(
        json!("*"),
        json!("arn:aws:secretsmanager:*:111122223333:secret:*"),
    );
    check_identity(
        doc,
        &Req::new(
            "x:Y",
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:a/b:c-AbCdEf",
        ),
        &[true],
    );
}

#[test]
fn resource_arn_parts_are_matched_one_by_one() {
    // `*` in the region part does not swallow the account part.
    let doc = allow(json!("*"), json!("arn:aws:secretsmanager:*:secret:*"));
    check_identity(doc, &Req::get(), &[false]);
    let wrong_account = allow(
        json!("*"),
        json!("arn:aws:secretsmanager:us-east-1:444455556666:secret:*"),
    );
    check_identity(wrong_account, &Req::get(), &[false]);
}

#[test]
fn star_resource_matches_a_wildcard_only_action() {
    let doc = allow(json!("secretsmanager:BatchGetSecretValue"), json!("*"));
    check_identity(
        doc.clone(),
        &Req::new("secretsmanager:BatchGetSecretValue", "*"),
        &[true],
    );
    let arn_only = allow(
        json!("secretsmanager:BatchGetSecretValue"),
        json!("arn:aws:secretsmanager:*:*:secret:*"),
    );
    check_identity(
        arn_only,
        &Req::new("secretsmanager:BatchGetSecretValue", "*"),
        &[false],
    );
}

#[test]
fn not_resource_covers_resources_it_does_not_list() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:secretsmanager:*:*:secret:dev/*"},
        {"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:secretsmanager:*:*:secret:prod/*"}
    ]});
    check_identity(doc, &Req::get(), &[true, false]);
}

// ---------------------------------------------------------------- policy variables

#[test]
fn policy_variable_is_substituted_in_resource() {
    let doc = allow(
        json!("*"),
        json!("arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*"),
    );
    check_identity(
        doc.clone(),
        &Req::get().key("aws:PrincipalTag/team", "prod"),
        &[true],
    );
    check_identity(
        doc,
        &Req::get().key("aws:PrincipalTag/team", "dev"),
        &[false],
    );
}

#[test]
fn policy_variable_default_is_used_when_key_absent() {
    let doc = allow(
        json!("*"),
        json!("arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team, 'prod'}/*"),
    );
    check_identity(doc, &Req::get(), &[true]);
}

#[test]
fn policy_variable_without_default_and_absent_key_matches_nothing() {
    let doc = allow(
        json!("*"),
        json!("arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*"),
    );
    let eval = check_identity(doc, &Req::get(), &[false]);
    assert!(eval.statements[0].checks[1]
        .explanation
        .contains("aws:PrincipalTag/team"));
    let not_resource = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*"}]});
    check_identity(not_resource, &Req::get(), &[false]);
}

#[test]
fn dollar_star_escape_is_a_literal_star() {
    let doc = allow(json!("*"), json!("arn:aws:s3:::bucket/${*}"));
    check_identity(
        doc.clone(),
        &Req::new("s3:GetObject", "arn:aws:s3:::bucket/*"),
        &[true],
    );
    check_identity(
        doc,
        &Req::new("s3:GetObject", "arn:aws:s3:::bucket/anything"),
        &[false],
    );
}

#[test]
fn dollar_question_and_dollar_dollar_escapes_are_literal() {
    let doc = allow(json!("*"), json!("arn:aws:s3:::bucket/${?}${$}"));
    check_identity(
        doc.clone(),
        &Req::new("s3:GetObject", "arn:aws:s3:::bucket/?$"),
        &[true],
    );
    check_identity(
        doc,
        &Req::new("s3:GetObject", "arn:aws:s3:::bucket/a$"),
        &[false],
    );
}

#[test]
fn policy_variables_work_in_condition_values() {
    let req = Req::get()
        .key("aws:PrincipalTag/team", "prod")
        .key("aws:ResourceTag/team", "prod");
    assert_eq!(
        condition(
            "StringEquals",
            "aws:ResourceTag/team",
            json!("${aws:PrincipalTag/team}"),
            &req
        ),
        Tri::Match
    );
    let other = Req::get()
        .key("aws:PrincipalTag/team", "dev")
        .key("aws:ResourceTag/team", "prod");
    assert_eq!(
        condition(
            "StringEquals",
            "aws:ResourceTag/team",
            json!("${aws:PrincipalTag/team}"),
            &other
        ),
        Tri::NoMatch
    );
}

#[test]
fn multivalued_keys_cannot_be_policy_variables() {
    let req = Req::get()
        .multi("aws:CalledVia", &["secretsmanager.amazonaws.com"])
        .key("aws:ResourceTag/x", "secretsmanager.amazonaws.com");
    assert_eq!(
        condition(
            "StringEquals",
            "aws:ResourceTag/x",
            json!("${aws:CalledVia}"),
            &req
        ),
        Tri::NoMatch
    );
}

// ---------------------------------------------------------------- String operators

#[test]
fn string_equals_is_case_sensitive_and_ors_values() {
    let req = Req::get().key("aws:SourceVpc", "vpc-1");
    assert_eq!(
        condition(
            "StringEquals",
            "aws:SourceVpc",
            json!(["vpc-0", "vpc-1"]),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition("StringEquals", "aws:SourceVpc", json!("VPC-1"), &req),
        Tri::NoMatch
    );
    assert_eq!(
        condition("StringEquals", "aws:SourceVpc", json!("vpc-*"), &req),
        Tri::NoMatch
    );
}

#[test]
fn condition_key_names_are_case_insensitive() {
    let req = Req::get().key("aws:SourceVpc", "vpc-1");
    assert_eq!(
        condition("StringEquals", "AWS:SOURCEVPC", json!("vpc-1"), &req),
        Tri::Match
    );
}

#[test]
fn string_equals_is_false_when_key_absent() {
    assert_eq!(
        condition("StringEquals", "aws:SourceVpc", json!("vpc-1"), &Req::get()),
        Tri::NoMatch
    );
}

#[test]
fn negated_operator_is_true_when_key_absent() {
    for op in [
        "StringNotEquals",
        "StringNotLike",
        "StringNotEqualsIgnoreCase",
        "ArnNotLike",
        "ArnNotEquals",
        "NotIpAddress",
        "NumericNotEquals",
        "DateNotEquals",
    ] {
        assert_eq!(
            condition(op, "aws:SourceVpce", json!("x"), &Req::get()),
            Tri::Match,
            "{op}"
        );
    }
}

#[test]
fn negated_operator_with_several_values_is_true_only_if_none_match() {
    let req = Req::get().key("aws:SourceVpce", "vpce-1");
    assert_eq!(
        condition(
            "StringNotEquals",
            "aws:SourceVpce",
            json!(["vpce-1", "vpce-2"]),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "StringNotEquals",
            "aws:SourceVpce",
            json!(["vpce-3", "vpce-2"]),
            &req
        ),
        Tri::Match
    );
}

#[test]
fn string_equals_ignore_case_ignores_case() {
    let req = Req::get().key("aws:PrincipalTag/team", "Prod");
    assert_eq!(
        condition(
            "StringEqualsIgnoreCase",
            "aws:PrincipalTag/team",
            json!("PROD"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "StringNotEqualsIgnoreCase",
            "aws:PrincipalTag/team",
            json!("prod"),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn string_like_star_matches_any_run() {
    let req = Req::get().key("secretsmanager:SecretId", SECRET);
    assert_eq!(
        condition(
            "StringLike",
            "secretsmanager:SecretId",
            json!("*:secret:prod/*"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "StringNotLike",
            "secretsmanager:SecretId",
            json!("*:secret:prod/*"),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn string_like_question_mark_matches_one_character() {
    let req = Req::get().key("aws:PrincipalTag/team", "ab");
    assert_eq!(
        condition("StringLike", "aws:PrincipalTag/team", json!("a?"), &req),
        Tri::Match
    );
    assert_eq!(
        condition("StringLike", "aws:PrincipalTag/team", json!("a??"), &req),
        Tri::NoMatch
    );
    assert_eq!(
        condition("StringLike", "aws:PrincipalTag/team", json!("A?"), &req),
        Tri::NoMatch
    );
}

#[test]
fn if_exists_is_true_when_key_absent() {
    assert_eq!(
        condition(
            "StringEqualsIfExists",
            "aws:SourceVpc",
            json!("vpc-1"),
            &Req::get()
        ),
        Tri::Match
    );
    let req = Req::get().key("aws:SourceVpc", "vpc-2");
    assert_eq!(
        condition(
            "StringEqualsIfExists",
            "aws:SourceVpc",
            json!("vpc-1"),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn request_parameter_key_without_if_exists_denies_callers_that_omit_it() {
    // S8: secretsmanager:VersionStage is present only when the caller passes VersionStage.
    assert_eq!(
        condition(
            "StringEquals",
            "secretsmanager:VersionStage",
            json!("AWSCURRENT"),
            &Req::get()
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "StringEqualsIfExists",
            "secretsmanager:VersionStage",
            json!("AWSCURRENT"),
            &Req::get()
        ),
        Tri::Match
    );
}

// ---------------------------------------------------------------- Numeric, Date, Bool, Binary

#[test]
fn numeric_operators_compare_numbers() {
    let req = Req::get().key("aws:MultiFactorAuthAge", "3600");
    assert_eq!(
        condition(
            "NumericLessThan",
            "aws:MultiFactorAuthAge",
            json!(7200),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "NumericLessThanEquals",
            "aws:MultiFactorAuthAge",
            json!("3600"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "NumericGreaterThan",
            "aws:MultiFactorAuthAge",
            json!(3600),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "NumericGreaterThanEquals",
            "aws:MultiFactorAuthAge",
            json!(3600.0),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "NumericEquals",
            "aws:MultiFactorAuthAge",
            json!([1, 3600]),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "NumericNotEquals",
            "aws:MultiFactorAuthAge",
            json!(3600),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "NumericLessThan",
            "aws:MultiFactorAuthAge",
            json!(7200),
            &Req::get()
        ),
        Tri::NoMatch
    );
}

#[test]
fn numeric_operator_on_a_non_number_is_false() {
    let req = Req::get().key("aws:MultiFactorAuthAge", "soon");
    assert_eq!(
        condition(
            "NumericLessThan",
            "aws:MultiFactorAuthAge",
            json!(7200),
            &req
        ),
        Tri::NoMatch
    );
    // A negated operator that would hold only because the comparison failed is unknown.
    assert_eq!(
        condition(
            "NumericNotEquals",
            "aws:MultiFactorAuthAge",
            json!(7200),
            &req
        ),
        Tri::Unknown
    );
}

#[test]
fn date_operators_compare_iso_and_epoch_times() {
    let req = Req::get().key("aws:CurrentTime", "2026-06-01T12:00:00Z");
    assert_eq!(
        condition(
            "DateLessThan",
            "aws:CurrentTime",
            json!("2026-12-31T00:00:00Z"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "DateGreaterThan",
            "aws:CurrentTime",
            json!("2026-12-31"),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "DateGreaterThanEquals",
            "aws:CurrentTime",
            json!(1_780_315_200),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "DateEquals",
            "aws:CurrentTime",
            json!("2026-06-01T14:00:00+02:00"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "DateNotEquals",
            "aws:CurrentTime",
            json!("2026-06-01T12:00:00Z"),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "DateLessThanEquals",
            "aws:CurrentTime",
            json!("not a date"),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn bool_compares_true_and_false_case_insensitively() {
    let req = Req::get().key("aws:SecureTransport", "TRUE");
    assert_eq!(
        condition("Bool", "aws:SecureTransport", json!(true), &req),
        Tri::Match
    );
    assert_eq!(
        condition("Bool", "aws:SecureTransport", json!("false"), &req),
        Tri::NoMatch
    );
    assert_eq!(
        condition("Bool", "aws:SecureTransport", json!("false"), &Req::get()),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "BoolIfExists",
            "aws:SecureTransport",
            json!("false"),
            &Req::get()
        ),
        Tri::Match
    );
}

#[test]
fn binary_equals_compares_base64_bytes() {
    let req = Req::get().key("aws:PrincipalTag/blob", "QmluYXJ5");
    assert_eq!(
        condition(
            "BinaryEquals",
            "aws:PrincipalTag/blob",
            json!("QmluYXJ5"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "BinaryEquals",
            "aws:PrincipalTag/blob",
            json!("QmluYXJ6"),
            &req
        ),
        Tri::NoMatch
    );
}

// ---------------------------------------------------------------- IP addresses

#[test]
fn ipv4_cidr_matches() {
    let req = Req::get().key("aws:SourceIp", "203.0.113.7");
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("203.0.113.0/24"), &req),
        Tri::Match
    );
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("198.51.100.0/24"), &req),
        Tri::NoMatch
    );
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("203.0.113.7"), &req),
        Tri::Match
    );
    assert_eq!(
        condition(
            "NotIpAddress",
            "aws:SourceIp",
            json!(["198.51.100.0/24", "203.0.113.0/24"]),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "NotIpAddress",
            "aws:SourceIp",
            json!("198.51.100.0/24"),
            &req
        ),
        Tri::Match
    );
}

#[test]
fn ipv6_cidr_matches() {
    let req = Req::get().key("aws:SourceIp", "2001:db8::1");
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("2001:db8::/32"), &req),
        Tri::Match
    );
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("2001:db9::/32"), &req),
        Tri::NoMatch
    );
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("203.0.113.0/24"), &req),
        Tri::NoMatch
    );
}

#[test]
fn not_ip_address_is_true_when_source_ip_absent() {
    // S22: through a VPC endpoint aws:SourceIp is absent.
    let req = Req::get()
        .absent("aws:SourceIp")
        .key("aws:SourceVpce", "vpce-1");
    assert_eq!(
        condition(
            "NotIpAddress",
            "aws:SourceIp",
            json!("203.0.113.0/24"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("203.0.113.0/24"), &req),
        Tri::NoMatch
    );
}

#[test]
fn bad_cidr_never_matches() {
    let req = Req::get().key("aws:SourceIp", "203.0.113.7");
    assert_eq!(
        condition("IpAddress", "aws:SourceIp", json!("203.0.113.0/99"), &req),
        Tri::NoMatch
    );
    assert_eq!(
        condition("NotIpAddress", "aws:SourceIp", json!("nonsense"), &req),
        Tri::Unknown
    );
}

// ---------------------------------------------------------------- ARN operators

#[test]
fn arn_like_matches_part_by_part() {
    let req = Req::get().key(
        "aws:SourceArn",
        "arn:aws:lambda:us-east-1:111122223333:function:rotate",
    );
    assert_eq!(
        condition(
            "ArnLike",
            "aws:SourceArn",
            json!("arn:aws:lambda:*:111122223333:function:*"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "ArnEquals",
            "aws:SourceArn",
            json!("arn:aws:lambda:us-east-1:111122223333:function:rotate"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "ArnLike",
            "aws:SourceArn",
            json!("arn:aws:lambda:*:function:*"),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "ArnNotLike",
            "aws:SourceArn",
            json!("arn:aws:lambda:*:444455556666:*"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "ArnNotEquals",
            "aws:SourceArn",
            json!("arn:aws:lambda:us-east-1:111122223333:function:rotate"),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn arn_operator_on_a_value_that_is_not_an_arn_is_false() {
    let req = Req::get().key("aws:SourceArn", "rotate");
    assert_eq!(
        condition("ArnLike", "aws:SourceArn", json!("*"), &req),
        Tri::NoMatch
    );
}

// ---------------------------------------------------------------- Null

#[test]
fn null_true_means_the_key_is_absent() {
    assert_eq!(
        condition("Null", "aws:SourceVpc", json!("true"), &Req::get()),
        Tri::Match
    );
    assert_eq!(
        condition("Null", "aws:SourceVpc", json!(false), &Req::get()),
        Tri::NoMatch
    );
    let req = Req::get().key("aws:SourceVpc", "vpc-1");
    assert_eq!(
        condition("Null", "aws:SourceVpc", json!(true), &req),
        Tri::NoMatch
    );
    assert_eq!(
        condition("Null", "aws:SourceVpc", json!("false"), &req),
        Tri::Match
    );
}

#[test]
fn null_treats_an_empty_list_as_absent() {
    let req = Req::get().multi("aws:TagKeys", &[]);
    assert_eq!(
        condition("Null", "aws:TagKeys", json!(true), &req),
        Tri::Match
    );
}

// ---------------------------------------------------------------- set operators

#[test]
fn for_any_value_is_true_if_any_request_value_matches() {
    let req = Req::get().multi("aws:TagKeys", &["env", "team"]);
    assert_eq!(
        condition(
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            json!(["team", "cost"]),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            json!(["cost"]),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn for_any_value_is_false_for_an_absent_key() {
    assert_eq!(
        condition(
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            json!("team"),
            &Req::get()
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            json!("team"),
            &Req::get().multi("aws:TagKeys", &[])
        ),
        Tri::NoMatch
    );
}

#[test]
fn for_all_values_is_true_if_every_request_value_matches() {
    let req = Req::get().multi("aws:TagKeys", &["env", "team"]);
    assert_eq!(
        condition(
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            json!(["env", "team", "cost"]),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            json!(["env"]),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn for_all_values_is_true_for_an_absent_key() {
    assert_eq!(
        condition(
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            json!("env"),
            &Req::get()
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            json!("env"),
            &Req::get().multi("aws:TagKeys", &[])
        ),
        Tri::Match
    );
}

#[test]
fn for_all_values_string_not_like_follows_the_aws_table() {
    // IAM-UG "Multivalued context key examples", DenyRestrictedTags.
    let op = "ForAllValues:StringNotLike";
    let one = Req::get().multi("aws:TagKeys", &["key1:legal"]);
    assert_eq!(
        condition(op, "aws:TagKeys", json!("key1*"), &one),
        Tri::NoMatch
    );
    let two = Req::get().multi("aws:TagKeys", &["key1:hr", "key1:personnel"]);
    assert_eq!(
        condition(op, "aws:TagKeys", json!("key1*"), &two),
        Tri::NoMatch
    );
    let other = Req::get().multi("aws:TagKeys", &["key2:audit"]);
    assert_eq!(
        condition(op, "aws:TagKeys", json!("key1*"), &other),
        Tri::Match
    );
    assert_eq!(
        condition(op, "aws:TagKeys", json!("key1*"), &Req::get()),
        Tri::Match
    );
}

#[test]
fn for_any_value_with_negated_operator_needs_one_value_outside_the_list() {
    let req = Req::get().multi("aws:TagKeys", &["env", "team"]);
    assert_eq!(
        condition(
            "ForAnyValue:StringNotEquals",
            "aws:TagKeys",
            json!(["env", "team"]),
            &req
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "ForAnyValue:StringNotEquals",
            "aws:TagKeys",
            json!(["env"]),
            &req
        ),
        Tri::Match
    );
}

#[test]
fn set_operator_on_a_single_value_treats_it_as_a_set_of_one() {
    let req = Req::get().key("aws:SourceVpc", "vpc-1");
    assert_eq!(
        condition(
            "ForAnyValue:StringEquals",
            "aws:SourceVpc",
            json!("vpc-1"),
            &req
        ),
        Tri::Match
    );
    assert_eq!(
        condition(
            "ForAllValues:StringEquals",
            "aws:SourceVpc",
            json!("vpc-2"),
            &req
        ),
        Tri::NoMatch
    );
}

#[test]
fn several_request_values_without_a_set_operator_are_unknown() {
    let req = Req::get().multi(
        "aws:CalledVia",
        &["athena.amazonaws.com", "secretsmanager.amazonaws.com"],
    );
    assert_eq!(
        condition(
            "StringEquals",
            "aws:CalledVia",
            json!("secretsmanager.amazonaws.com"),
            &req
        ),
        Tri::Unknown
    );
    let one = Req::get().multi("aws:CalledVia", &["secretsmanager.amazonaws.com"]);
    assert_eq!(
        condition(
            "StringEquals",
            "aws:CalledVia",
            json!("secretsmanager.amazonaws.com"),
            &one
        ),
        Tri::Match
    );
}

// ---------------------------------------------------------------- unknown parts

#[test]
fn unknown_condition_key_is_unknown() {
    assert_eq!(
        condition("StringEquals", "foo:Bar", json!("x"), &Req::get()),
        Tri::Unknown
    );
    // Known absent for this request: simply absent.
    assert_eq!(
        condition(
            "StringEquals",
            "foo:Bar",
            json!("x"),
            &Req::get().absent("foo:Bar")
        ),
        Tri::NoMatch
    );
    // Present in the request: compared.
    assert_eq!(
        condition(
            "StringEquals",
            "foo:Bar",
            json!("x"),
            &Req::get().key("foo:Bar", "x")
        ),
        Tri::Match
    );
}

#[test]
fn absent_tag_keys_are_understood_as_absent() {
    assert_eq!(
        condition(
            "StringEquals",
            "aws:ResourceTag/anything",
            json!("x"),
            &Req::get()
        ),
        Tri::NoMatch
    );
    assert_eq!(
        condition(
            "StringEquals",
            "secretsmanager:ResourceTag/anything",
            json!("x"),
            &Req::get()
        ),
        Tri::NoMatch
    );
}

#[test]
fn unknown_condition_key_makes_allow_not_apply_and_deny_apply() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"foo:Bar": "x"}}},
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"foo:Bar": "x"}}},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"foo:Bar": "x"}}}
    ]});
    let eval = check_identity(doc, &Req::get(), &[false, true, false]);
    assert!(eval.statements[0].checks[2]
        .explanation
        .contains("does not know condition key `foo:Bar`"));
}

#[test]
fn unknown_operator_can_only_deny() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringSortOf": {"aws:SourceVpc": "x"}}},
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringSortOf": {"aws:SourceVpc": "x"}}}
    ]});
    has(
        PolicyKind::Identity,
        doc.clone(),
        Severity::Warning,
        "UNKNOWN_OPERATOR",
    );
    check_identity(doc, &Req::get(), &[false, true]);
}

// ---------------------------------------------------------------- conditions combine

#[test]
fn keys_and_operators_are_anded() {
    let req = Req::get()
        .key("aws:SourceVpc", "vpc-1")
        .key("aws:SourceVpce", "vpce-1");
    let both = with_condition(
        json!({"StringEquals": {"aws:SourceVpc": "vpc-1", "aws:SourceVpce": "vpce-1"}}),
    );
    check_identity(both, &req, &[true]);
    let one_wrong = with_condition(
        json!({"StringEquals": {"aws:SourceVpc": "vpc-1"}, "StringLike": {"aws:SourceVpce": "vpce-9*"}}),
    );
    check_identity(one_wrong, &req, &[false]);
}

#[test]
fn every_element_is_checked_even_after_one_fails() {
    // Action matches: Resource and both conditions are all compared, though each fails.
    let doc = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "arn:aws:s3:::b/*",
        "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}, "Bool": {"aws:SecureTransport": "false"}}}]});
    let eval = check_identity(
        doc,
        &Req::get().key("aws:SecureTransport", "true"),
        &[false],
    );
    assert_eq!(eval.statements[0].checks.len(), 4);
    assert_eq!(eval.statements[0].failed_checks().count(), 3);
    assert_eq!(eval.nearest_miss().map(|s| s.index), Some(0));
}

#[test]
fn a_statement_about_another_action_ends_its_trace_at_the_action() {
    // Nothing can make a statement for another action apply: Resource and conditions are not
    // compared, and the decision is the same.
    let doc = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
        "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}}]});
    let eval = check_identity(doc, &Req::get(), &[false]);
    assert_eq!(eval.statements[0].checks.len(), 1);
    assert_eq!(eval.statements[0].failed_checks().count(), 1);
}

#[test]
fn explanation_says_why_a_negated_operator_holds_for_an_absent_key() {
    let doc = with_condition(json!({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}));
    let eval = check_identity(doc, &Req::get(), &[true]);
    let explanation = &eval.statements[0].checks[2].explanation;
    assert!(
        explanation.contains("absent") && explanation.contains("negated"),
        "{explanation}"
    );
}

// ---------------------------------------------------------------- principals

fn resource_policy(principal: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})
}

fn principal_match(principal: Value, req: &Req) -> Option<PrincipalMatch> {
    let eval = evaluate(PolicyKind::Resource, resource_policy(principal), req);
    eval.statements[0]
        .applies
        .then(|| eval.statements[0].principal_match.clone())
        .flatten()
}

#[test]
fn star_principal_matches_everyone_including_anonymous() {
    assert_eq!(
        principal_match(json!("*"), &Req::get()),
        Some(PrincipalMatch::Wildcard)
    );
    assert_eq!(
        principal_match(json!("*"), &Req::get().caller(anonymous())),
        Some(PrincipalMatch::Wildcard)
    );
    assert_eq!(
        principal_match(json!({"AWS": "*"}), &Req::get().caller(anonymous())),
        Some(PrincipalMatch::Wildcard)
    );
}

#[test]
fn account_principal_matches_any_principal_of_that_account() {
    let account = Some(PrincipalMatch::Account(ACCOUNT.parse().unwrap()));
    assert_eq!(
        principal_match(json!({"AWS": ACCOUNT}), &Req::get()),
        account
    );
    assert_eq!(
        principal_match(
            json!({"AWS": format!("arn:aws:iam::{ACCOUNT}:root")}),
            &Req::get()
        ),
        account
    );
    let alice = Req::get().caller(user("arn:aws:iam::111122223333:user/alice"));
    assert_eq!(principal_match(json!({"AWS": ACCOUNT}), &alice), account);
    assert_eq!(
        principal_match(json!({"AWS": OTHER_ACCOUNT}), &Req::get()),
        None
    );
}

#[test]
fn role_arn_principal_matches_any_session_of_the_role() {
    assert_eq!(
        principal_match(json!({"AWS": ROLE}), &Req::get()),
        Some(PrincipalMatch::RoleArn)
    );
    assert_eq!(
        principal_match(
            json!({"AWS": "arn:aws:iam::111122223333:role/web"}),
            &Req::get()
        ),
        Some(PrincipalMatch::RoleArn)
    );
    assert_eq!(
        principal_match(
            json!({"AWS": "arn:aws:iam::111122223333:role/other/web"}),
            &Req::get()
        ),
        None
    );
    assert_eq!(
        principal_match(
            json!({"AWS": "arn:aws:iam::444455556666:role/app/web"}),
            &Req::get()
        ),
        None
    );
}

#[test]
fn role_session_principal_matches_only_that_session() {
    let session = json!({"AWS": "arn:aws:sts::111122223333:assumed-role/web/i-0123"});
    assert_eq!(
        principal_match(session.clone(), &Req::get()),
        Some(PrincipalMatch::RoleSessionArn)
    );
    let other = Req::get().caller(role_session(ROLE, "i-9999"));
    assert_eq!(principal_match(session, &other), None);
}

#[test]
fn user_principal_matches_the_user() {
    let alice = Req::get().caller(user("arn:aws:iam::111122223333:user/alice"));
    assert_eq!(
        principal_match(
            json!({"AWS": "arn:aws:iam::111122223333:user/alice"}),
            &alice
        ),
        Some(PrincipalMatch::UserArn)
    );
    assert_eq!(
        principal_match(json!({"AWS": "arn:aws:iam::111122223333:user/bob"}), &alice),
        None
    );
}

#[test]
fn service_principal_matches_case_insensitively() {
    let req = Req::new(
        "lambda:InvokeFunction",
        "arn:aws:lambda:us-east-1:111122223333:function:rotate",
    )
    .caller(service("secretsmanager.amazonaws.com"));
    let doc = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "SecretsManager.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": "*"}]});
    let eval = check(PolicyKind::Resource, doc, &req, &[true]);
    assert_eq!(
        eval.statements[0].principal_match,
        Some(PrincipalMatch::Service)
    );
    assert_eq!(
        principal_match(
            json!({"AWS": ACCOUNT}),
            &Req::get().caller(service("secretsmanager.amazonaws.com"))
        ),
        None
    );
}

#[test]
fn most_specific_principal_match_is_recorded() {
    let principal =
        json!({"AWS": ["*", ACCOUNT, ROLE, "arn:aws:sts::111122223333:assumed-role/web/i-0123"]});
    assert_eq!(
        principal_match(principal, &Req::get()),
        Some(PrincipalMatch::RoleSessionArn)
    );
    let principal = json!({"AWS": [ACCOUNT, ROLE]});
    assert_eq!(
        principal_match(principal, &Req::get()),
        Some(PrincipalMatch::RoleArn)
    );
}

#[test]
fn not_principal_covers_callers_it_does_not_list() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "NotPrincipal": {"AWS": ROLE}, "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "*", "Resource": "*"}
    ]});
    let eval = check(PolicyKind::Resource, doc, &Req::get(), &[false, true]);
    assert_eq!(
        eval.statements[1].principal_match,
        Some(PrincipalMatch::NotListed)
    );
}

// ---------------------------------------------------------------- evaluation shape

#[test]
fn deny_and_allow_statements_are_reported_separately() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"},
        {"Sid": "NoVpc", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}}
    ]});
    let eval = check_identity(doc, &Req::get().absent("aws:SourceVpce"), &[true, true]);
    assert_eq!(
        eval.allows()
            .map(|s| s.statement.0.clone())
            .collect::<Vec<_>>(),
        vec!["Read"]
    );
    assert_eq!(
        eval.denies()
            .map(|s| s.statement.0.clone())
            .collect::<Vec<_>>(),
        vec!["NoVpc"]
    );
}

#[test]
fn single_statement_locations_name_the_sid() {
    let doc = json!({"Statement": {"Sid": "Only", "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Nope": {"aws:SourceVpc": "x"}}}});
    let found = diagnostics(PolicyKind::Identity, doc);
    assert!(
        found
            .iter()
            .any(|(_, c, l)| c == "UNKNOWN_OPERATOR"
                && l == "Statement (Sid \"Only\").Condition.Nope"),
        "{found:#?}"
    );
}

// ---------------------------------------------------------------- what decided a statement

/// The lines of statement `index` of `policy` marked as deciding, after evaluating `req`, and a
/// check that the lines print the statement exactly as `to_string_pretty` does.
fn deciding_lines(policy: Value, index: usize, req: &Req) -> Vec<String> {
    let eval = evaluate(PolicyKind::Identity, policy.clone(), req);
    let statement = &policy["Statement"][index];
    let lines = statement_lines(statement, &deciding_parts(&eval.statements[index]));
    let printed: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        printed.join("\n"),
        serde_json::to_string_pretty(statement).unwrap()
    );
    lines
        .into_iter()
        .filter(|l| l.deciding)
        .map(|l| l.text.trim().to_owned())
        .collect()
}

#[test]
fn deny_that_applies_was_decided_by_its_conditions() {
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyOutsideTheEndpoint", "Effect": "Deny", "Action": "secretsmanager:*", "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}, "Bool": {"aws:SecureTransport": "true"}}
    }]});
    let req = Req::get()
        .key("aws:SecureTransport", "true")
        .absent("aws:SourceVpce");
    assert_eq!(
        deciding_lines(policy, 0, &req),
        [
            "\"aws:SourceVpce\": \"vpce-1\"",
            "\"aws:SecureTransport\": \"true\""
        ]
    );
}

#[test]
fn statement_that_applies_without_conditions_was_decided_by_its_elements() {
    let policy = allow(json!(["secretsmanager:GetSecretValue"]), json!("*"));
    assert_eq!(
        deciding_lines(policy, 0, &Req::get()),
        [
            "\"Action\": [",
            "\"secretsmanager:GetSecretValue\"",
            "],",
            "\"Resource\": \"*\""
        ]
    );
}

#[test]
fn statement_that_does_not_apply_is_marked_where_it_missed() {
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
        "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:staging/*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["payments", "ops"]}, "Bool": {"aws:SecureTransport": "true"}}
    }]});
    let req = Req::get()
        .key("aws:PrincipalTag/team", "payments")
        .key("aws:SecureTransport", "false");
    assert_eq!(
        deciding_lines(policy, 0, &req),
        [
            "\"Resource\": \"arn:aws:secretsmanager:us-east-1:111122223333:secret:staging/*\",",
            "\"aws:SecureTransport\": \"true\""
        ]
    );
}

#[test]
fn deciding_condition_keys_are_matched_as_written() {
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"IpAddress": {"AWS:SourceIp": "203.0.113.0/24"}}
    }]});
    let req = Req::get().key("aws:SourceIp", "203.0.113.9");
    assert_eq!(
        deciding_lines(policy, 0, &req),
        ["\"AWS:SourceIp\": \"203.0.113.0/24\""]
    );
}
