//! Model loading, one scenario file per rule under `tests/scenarios/model/`. Each file holds a
//! model (`Model`, or `ModelText` for raw text), the JSON paths of the errors (`Errors`) and, when
//! the model is valid, of the warnings (`Warnings`) it must produce, optionally `MessagesContain`
//! (substrings of the error messages) and `MustNotContain` (text that must appear nowhere in the
//! loaded model). Adding a case is adding a file; the tests below add the rule-specific checks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::path::PathBuf;

use secretpath::engine::ids::{AccountId, Region};
use secretpath::engine::model::{
    load_model, load_model_value, Expectation, KeyManager, Loaded, NaclAction, OrgNodeId,
    OrgPolicyKind, ParameterTier, PolicyOrigin, PortRange, Protocol, RouteTarget, RulePeer,
};
use serde_json::Value;

fn scenario(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/model")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn paths(v: &Value, key: &str) -> Vec<String> {
    let mut out: Vec<String> = v
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    out.sort();
    out
}

/// Load the scenario, compare errors and warnings by path, and return the model when valid.
fn check(name: &str) -> Option<Loaded> {
    let s = scenario(name);
    let result = match s.get("ModelText").and_then(Value::as_str) {
        Some(text) => load_model(text),
        None => load_model(
            &serde_json::to_string(s.get("Model").expect("scenario has a Model")).unwrap(),
        ),
    };
    let want_errors = paths(&s, "Errors");
    match result {
        Ok(loaded) => {
            assert!(
                want_errors.is_empty(),
                "{name}: expected errors at {want_errors:?}, the model loaded"
            );
            let mut got: Vec<String> = loaded.warnings.iter().map(|w| w.path.to_string()).collect();
            got.sort();
            assert_eq!(
                got,
                paths(&s, "Warnings"),
                "{name}: warnings were {:#?}",
                loaded.warnings
            );
            let debug = format!("{loaded:?}");
            for secret in paths(&s, "MustNotContain") {
                assert!(
                    !debug.contains(&secret),
                    "{name}: `{secret}` is in the loaded model"
                );
            }
            for w in &loaded.warnings {
                assert!(
                    !w.message.is_empty() && w.message.contains('`'),
                    "{name}: warning `{w}` names no input"
                );
            }
            Some(loaded)
        }
        Err(errors) => {
            let mut got: Vec<String> = errors.0.iter().map(|e| e.path.to_string()).collect();
            got.sort();
            assert_eq!(got, want_errors, "{name}: errors were {:#?}", errors.0);
            let all = errors.to_string();
            for needle in paths(&s, "MessagesContain") {
                assert!(
                    all.contains(&needle),
                    "{name}: no error message contains `{needle}`: {all}"
                );
            }
            for e in &errors.0 {
                let first = e.message.chars().next().unwrap_or('x');
                assert!(
                    !first.is_uppercase(),
                    "{name}: message `{}` is not lowercase",
                    e.message
                );
            }
            None
        }
    }
}

fn account() -> AccountId {
    "111122223333".parse().unwrap()
}

fn region(r: &str) -> Region {
    r.parse().unwrap()
}

#[test]
fn realistic_account_loads_cleanly() {
    let loaded = check("realistic_account_loads_cleanly").unwrap();
    let m = &loaded.model;
    let (a, r) = (account(), region("us-east-1"));

    // Secrets by name, partial ARN and full ARN.
    let by_name = m.find_secret("prod/db", &a, &r).unwrap();
    let arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
    assert_eq!(by_name.item.arn.as_str(), arn);
    assert_eq!(
        m.find_secret(
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db",
            &a,
            &r
        )
        .unwrap()
        .item
        .arn
        .as_str(),
        arn
    );
    assert_eq!(m.find_secret(arn, &a, &r).unwrap().item.name, "prod/db");
    assert!(m.find_secret("prod/db-master", &a, &r).is_some());
    let secret = by_name.item;
    assert!(
        secret.rotation_enabled
            && secret.resource_policy.is_some()
            && secret.deleted_date.is_none()
    );
    assert_eq!(secret.version_ids_to_stages.len(), 2);
    let structure = secret.structure.as_ref().unwrap();
    assert_eq!(structure.port, Some(5432));
    assert_eq!(
        m.db_instance_by_address(structure.host.as_deref().unwrap())
            .unwrap()
            .item
            .identifier,
        "prod-db"
    );
    let key = m.key_of_secret(&by_name).unwrap().item;
    assert_eq!(key.key_manager, KeyManager::Customer);
    assert_eq!(key.grants.len(), 1);
    assert!(key.grants[0]
        .constraints
        .as_ref()
        .unwrap()
        .encryption_context_subset
        .is_some());
    assert_eq!(key.tags.get("env").map(String::as_str), Some("prod"));

    // IAM: the instance's role, the user's policies (own, managed, group), the boundary.
    let instance = m.instance("i-0app00000000000001").unwrap().item;
    let (_, role) = m.role_of_instance(instance).unwrap();
    assert_eq!(role.name, "app-instance");
    assert_eq!(m.identity_policies_of_role(role).len(), 1);
    let (_, user) = m
        .user_by_arn("arn:aws:iam::111122223333:user/alice")
        .unwrap();
    let policies = m.identity_policies_of_user(&a, user);
    let names: Vec<&str> = policies.iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "ReadDbSecret",
            "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
            "DenyDeleteSecret",
            "arn:aws:iam::aws:policy/AdministratorAccess"
        ]
    );
    assert_eq!(
        policies[2].origin,
        PolicyOrigin::GroupInline {
            group: "admins".into()
        }
    );
    // The AWS managed policies are synthesised (their parsed form does not wait for the parser).
    assert!(policies[1].policy.is_some() && policies[3].policy.is_some());
    let boundary = m
        .managed_policy("arn:aws:iam::111122223333:policy/DeveloperBoundary")
        .unwrap();
    assert!(boundary.boundary_document.is_some());
    let app_read = m
        .managed_policy("arn:aws:iam::111122223333:policy/AppReadSecrets")
        .unwrap();
    assert_eq!(app_read.default_version_id.as_deref(), Some("v2"));
    assert!(app_read
        .document
        .as_ref()
        .unwrap()
        .source
        .to_string()
        .contains("GetSecretValue"));

    // Functions: VPC config, role, policy; an empty VpcConfig means no VPC.
    let rotation = m
        .function("arn:aws:lambda:us-east-1:111122223333:function:prod-db-rotation")
        .unwrap()
        .item;
    assert_eq!(rotation.vpc_config.as_ref().unwrap().subnet_ids.len(), 1);
    assert!(rotation.policy.is_some());
    assert_eq!(
        m.role_of_function(rotation).unwrap().1.name,
        "rotation-lambda"
    );
    assert!(m.function("report").unwrap().item.vpc_config.is_none());
    assert!(m
        .function("arn:aws:lambda:us-east-1:111122223333:function:report:$LATEST")
        .is_some());

    // Parameters: derived ARN, tier, default key.
    let p = m.parameter("/prod/api-key", &a, &r).unwrap().item;
    assert_eq!(
        p.arn.as_str(),
        "arn:aws:ssm:us-east-1:111122223333:parameter/prod/api-key"
    );
    assert_eq!(p.key_reference(), Some("alias/aws/ssm"));
    assert!(
        m.resolve_key(&a, &r, "alias/aws/ssm")
            .unwrap()
            .item
            .synthesized
    );
    assert_eq!(
        m.parameter("feature-flags", &a, &r).unwrap().item.tier,
        ParameterTier::Advanced
    );

    // Network.
    let private = m.subnet("subnet-0private1EXAMPLE").unwrap().item;
    let public = m.subnet("subnet-0public1EXAMPLE").unwrap().item;
    assert_eq!(
        m.route_table_for_subnet(private).unwrap().item.id.as_str(),
        "rtb-0main00000EXAMPLE"
    );
    let public_rt = m.route_table_for_subnet(public).unwrap().item;
    assert_eq!(public_rt.id.as_str(), "rtb-0public0000EXAMPLE");
    assert!(matches!(
        public_rt.routes[1].target,
        RouteTarget::InternetGateway(_)
    ));
    assert!(!public_rt.routes[2].active);
    let main_rt = m.route_table("rtb-0main00000EXAMPLE").unwrap().item;
    assert!(matches!(
        main_rt.routes[1].target,
        RouteTarget::NatGateway(_)
    ));
    assert!(matches!(
        main_rt.routes[2].target,
        RouteTarget::VpcEndpoint(_)
    ));
    assert_eq!(
        m.network_acl_for_subnet(private)
            .unwrap()
            .item
            .ordered_entries(false)
            .len(),
        4
    );
    let vpc = m.vpc("vpc-0a60eb65b4EXAMPLE").unwrap().item;
    assert!(vpc.enable_dns_support && vpc.enable_dns_hostnames);
    let endpoint = m.vpc_endpoint("vpce-0sm00000000000001").unwrap().item;
    assert!(endpoint.private_dns_enabled && endpoint.is_available());
    assert_eq!(endpoint.service_short_name(), "secretsmanager");
    assert!(!endpoint.policy.synthesized);
    assert!(
        m.vpc_endpoint("vpce-0s3gateway0000001")
            .unwrap()
            .item
            .policy
            .synthesized
    );
    let nat = m.nat_gateway("nat-05dba92075EXAMPLE").unwrap().item;
    assert_eq!(
        nat.addresses[0].public_ip.unwrap().to_string(),
        "3.211.231.218"
    );
    assert!(m
        .internet_gateway("igw-0c0a3a5fEXAMPLE")
        .unwrap()
        .item
        .is_attached_to(&vpc.id));
    let lambda_sg = m.security_group("sg-0lambda0000EXAMPLE").unwrap().item;
    assert_eq!(lambda_sg.egress[2].protocol, Protocol::Icmp);
    assert_eq!(lambda_sg.egress[2].ports, None);
    assert!(matches!(
        lambda_sg.egress[1].peers[0],
        RulePeer::SecurityGroup { .. }
    ));

    // Checks and account.
    assert_eq!(m.checks.len(), 2);
    assert_eq!(m.checks[0].expect, Some(Expectation::Allowed));
    assert_eq!(m.checks[1].expect, None);
    assert_eq!(
        m.account(&a).unwrap().organization_id.as_deref(),
        Some("o-a1b2c3d4e5")
    );
}

#[test]
fn secret_material_is_dropped_with_a_warning() {
    let loaded = check("secret_material_is_dropped_with_a_warning").unwrap();
    let m = &loaded.model;
    let s = m
        .find_secret("prod/db", &account(), &region("us-east-1"))
        .unwrap()
        .item;
    let structure = s.structure.as_ref().unwrap();
    assert_eq!(structure.username.as_deref(), Some("app"));
    assert_eq!(structure.port, Some(3306));
    assert!(m
        .find_secret("other", &account(), &region("us-east-1"))
        .unwrap()
        .item
        .structure
        .is_some());
    assert_eq!(
        loaded
            .warnings
            .iter()
            .filter(|w| w.message.contains("dropped"))
            .count(),
        5
    );
}

#[test]
fn every_error_is_reported_at_once() {
    assert!(check("every_error_is_reported_at_once").is_none());
}

#[test]
fn policy_as_json_string_loads() {
    let loaded = check("policy_as_json_string_loads").unwrap();
    let m = &loaded.model;
    let (a, r) = (account(), region("us-east-1"));
    let secret = m.find_secret("s", &a, &r).unwrap().item;
    assert!(secret.resource_policy.as_ref().unwrap().source.is_string());
    let key = m
        .resolve_key(&a, &r, "1234abcd-12ab-34cd-56ef-1234567890ab")
        .unwrap()
        .item;
    // The get-key-policy wrapper is unwrapped down to the document string.
    assert!(key.policy.as_ref().unwrap().source.is_string());
    assert!(m.vpc_endpoint("vpce-1").unwrap().item.policy.path.is_some());
    assert!(m.function("f").unwrap().item.policy.is_some());
    let (_, role) = m.role_by_arn("arn:aws:iam::111122223333:role/r").unwrap();
    assert!(role.trust_policy.is_some());
    assert_eq!(role.inline_policies.len(), 1);
}

#[test]
fn aws_managed_secretsmanager_key_is_synthesised() {
    let loaded = check("aws_managed_secretsmanager_key_is_synthesised").unwrap();
    let m = &loaded.model;
    let (a, r) = (account(), region("eu-west-1"));
    let secret = m.find_secret("app", &a, &r).unwrap();
    let key = m.key_of_secret(&secret).unwrap().item;
    assert!(key.synthesized);
    assert_eq!(key.key_manager, KeyManager::Aws);
    assert!(key.enabled);
    assert_eq!(
        key.aliases[0].arn.as_str(),
        "arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager"
    );
    let policy = key.policy.as_ref().unwrap();
    let text = policy.source.to_string();
    assert!(
        text.contains("\"kms:ViaService\":\"secretsmanager.eu-west-1.amazonaws.com\""),
        "{text}"
    );
    assert!(
        text.contains("\"kms:CallerAccount\":\"111122223333\""),
        "{text}"
    );
    assert!(text.contains("arn:aws:iam::111122223333:root"), "{text}");
    let parsed = policy.policy.as_ref().unwrap();
    assert_eq!(parsed.statements.len(), 2);
    assert_eq!(parsed.statements[0].conditions.len(), 2);
    // Same id on every load; the key can be found by its ARN too.
    let again = check("aws_managed_secretsmanager_key_is_synthesised").unwrap();
    let again_key = again
        .model
        .resolve_key(&a, &r, "alias/aws/secretsmanager")
        .unwrap()
        .item
        .key_id
        .clone();
    assert_eq!(again_key, key.key_id);
    assert!(m.resolve_key(&a, &r, key.arn.as_str()).is_some());
    let ssm = m.resolve_key(&a, &r, "alias/aws/ssm").unwrap().item;
    assert!(ssm
        .policy
        .as_ref()
        .unwrap()
        .source
        .to_string()
        .contains("ssm.eu-west-1.amazonaws.com"));
}

#[test]
fn vpc_dns_attributes_take_aws_defaults() {
    let loaded = check("vpc_dns_attributes_take_aws_defaults").unwrap();
    let m = &loaded.model;
    let default = m.vpc("vpc-default").unwrap().item;
    assert!(default.enable_dns_support && default.enable_dns_hostnames);
    let custom = m.vpc("vpc-custom").unwrap().item;
    assert!(custom.enable_dns_support && !custom.enable_dns_hostnames);
    let explicit = m.vpc("vpc-explicit").unwrap().item;
    assert!(!explicit.enable_dns_support && explicit.enable_dns_hostnames);
}

#[test]
fn kms_key_id_may_be_an_alias_arn() {
    let loaded = check("kms_key_id_may_be_an_alias_arn").unwrap();
    let m = &loaded.model;
    let (a, r) = (account(), region("us-east-1"));
    for name in ["by-alias-arn", "by-alias-name", "by-key-id", "by-key-arn"] {
        let secret = m.find_secret(name, &a, &r).unwrap();
        let key = m
            .key_of_secret(&secret)
            .unwrap_or_else(|| panic!("{name}: key not resolved"));
        assert_eq!(
            key.item.key_id.as_str(),
            "0987dcba-09fe-87dc-65ba-ab0987654321",
            "{name}"
        );
    }
}

#[test]
fn instance_profile_without_role_is_a_warning() {
    let loaded = check("instance_profile_without_role_is_a_warning").unwrap();
    let instance = loaded.model.instance("i-1").unwrap().item;
    assert!(loaded.model.role_of_instance(instance).is_none());
    assert_eq!(instance.state.as_deref(), Some("running"));
}

#[test]
fn dangling_references_are_warnings() {
    let loaded = check("dangling_references_are_warnings").unwrap();
    let m = &loaded.model;
    let (_, user) = m.user_by_arn("arn:aws:iam::111122223333:user/bob").unwrap();
    let policies = m.identity_policies_of_user(&account(), user);
    assert_eq!(policies.len(), 2);
    assert!(
        policies.iter().all(|p| p.policy.is_none()),
        "policies not in the model grant nothing"
    );
}

#[test]
fn organization_defaults_attach_full_access() {
    let loaded = check("organization_defaults_attach_full_access").unwrap();
    let m = &loaded.model;
    let org = m.organization.as_ref().unwrap();
    let path = org.path_to(&account());
    let names: Vec<String> = path.iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "r-ab12",
            "ou-ab12-prod0001",
            "ou-ab12-apps0001",
            "111122223333"
        ]
    );
    let scp_ids = |n: &OrgNodeId| -> Vec<String> {
        org.policies_attached(n, OrgPolicyKind::Scp)
            .iter()
            .map(|p| p.id.to_string())
            .collect()
    };
    assert_eq!(scp_ids(&path[0]), ["p-FullAWSAccess"]);
    assert_eq!(scp_ids(&path[1]), ["p-denyleave"]);
    assert_eq!(scp_ids(&path[2]), ["p-FullAWSAccess"]);
    assert_eq!(scp_ids(&path[3]), ["p-FullAWSAccess"]);
    for node in &path {
        let rcps: Vec<String> = org
            .policies_attached(node, OrgPolicyKind::Rcp)
            .iter()
            .map(|p| p.id.to_string())
            .collect();
        assert!(
            rcps.contains(&"p-RCPFullAWSAccess".to_owned()),
            "{node}: {rcps:?}"
        );
    }
    assert!(org
        .policy("p-FullAWSAccess")
        .unwrap()
        .document
        .policy
        .is_some());
    assert!(org.is_management_account(&"999988887777".parse().unwrap()));
    assert!(org.path_to(&"444455556666".parse().unwrap()).is_empty());
    assert_eq!(
        m.account(&account()).unwrap().organization_id.as_deref(),
        Some("o-a1b2c3d4e5")
    );
    assert_eq!(
        m.account(&"444455556666".parse().unwrap())
            .unwrap()
            .organization_id
            .as_deref(),
        Some("o-zzzzzzzzzz")
    );
}

#[test]
fn json_syntax_error_names_line_and_column() {
    assert!(check("json_syntax_error_names_line_and_column").is_none());
}

#[test]
fn parameter_arn_is_derived_without_doubling_the_slash() {
    let loaded = check("parameter_arn_is_derived_without_doubling_the_slash").unwrap();
    let m = &loaded.model;
    let (a, r) = (account(), region("us-east-1"));
    assert_eq!(
        m.parameter("/prod/db/url", &a, &r)
            .unwrap()
            .item
            .arn
            .as_str(),
        "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db/url"
    );
    let plain = m.parameter("plain", &a, &r).unwrap().item;
    assert_eq!(
        plain.arn.as_str(),
        "arn:aws:ssm:us-east-1:111122223333:parameter/plain"
    );
    assert_eq!(plain.tier, ParameterTier::IntelligentTiering);
    assert_eq!(plain.key_reference(), None);
    assert!(m
        .parameter("arn:aws:ssm:us-east-1:111122223333:parameter/plain", &a, &r)
        .is_some());
}

#[test]
fn network_rules_are_typed() {
    let loaded = check("network_rules_are_typed").unwrap();
    let m = &loaded.model;
    let sg = m.security_group("sg-1").unwrap().item;
    assert_eq!(sg.ingress[0].protocol, Protocol::Tcp);
    assert_eq!(sg.ingress[0].ports, Some(PortRange::single(443)));
    assert_eq!(sg.ingress[0].peers.len(), 3);
    assert_eq!(sg.ingress[1].protocol, Protocol::Tcp);
    assert!(
        sg.ingress[1].admits(Protocol::Tcp, 50000) && !sg.ingress[1].admits(Protocol::Udp, 50000)
    );
    assert_eq!(sg.egress[0].protocol, Protocol::All);
    assert!(sg.egress[0].admits(Protocol::Udp, 53));
    let acl = m.network_acl("acl-1").unwrap().item;
    let order: Vec<u16> = acl
        .ordered_entries(false)
        .iter()
        .map(|e| e.rule_number)
        .collect();
    assert_eq!(order, [100, 200, 32767]);
    assert_eq!(acl.ordered_entries(false)[0].action, NaclAction::Deny);
    assert_eq!(m.vpc("vpc-1").unwrap().item.cidr_blocks.len(), 2);
}

#[test]
fn a_model_value_loads_like_its_text() {
    let s = scenario("kms_key_id_may_be_an_alias_arn");
    let model = s.get("Model").unwrap();
    let from_value = load_model_value(model).unwrap();
    let from_text = load_model(&model.to_string()).unwrap();
    assert_eq!(from_value, from_text);
}

#[test]
fn an_unsupported_format_is_an_error() {
    let errors = load_model(r#"{"Format": "secretpath/0", "Accounts": []}"#).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.0[0].path.to_string(), "$.Format");
    assert!(errors.0[0].message.contains("`secretpath/0`"));
    let missing = load_model(r#"{"Accounts": []}"#).unwrap_err();
    assert_eq!(missing.0[0].path.to_string(), "$");
    let not_object = load_model("[1, 2]").unwrap_err();
    assert_eq!(not_object.0[0].path.to_string(), "$");
}

mod never_panics {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use secretpath::engine::model::{load_model, load_model_value};

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            prop_oneof![
                Just("secretpath/1".to_owned()),
                Just("111122223333".to_owned()),
                Just("us-east-1".to_owned()),
                Just("arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf".to_owned()),
                Just("alias/aws/secretsmanager".to_owned()),
                Just("vpc-1".to_owned()),
                Just("-1".to_owned()),
                Just("10.0.0.0/16".to_owned()),
                ".{0,12}",
            ]
            .prop_map(Value::String),
        ];
        let keys = prop_oneof![
            Just("Format"),
            Just("Accounts"),
            Just("AccountId"),
            Just("Regions"),
            Just("Region"),
            Just("Secrets"),
            Just("ARN"),
            Just("KmsKeyId"),
            Just("Keys"),
            Just("KeyMetadata"),
            Just("Policy"),
            Just("Iam"),
            Just("RoleDetailList"),
            Just("Arn"),
            Just("Vpcs"),
            Just("VpcId"),
            Just("SecurityGroups"),
            Just("IpPermissions"),
            Just("IpProtocol"),
            Just("FromPort"),
            Just("ToPort"),
            Just("Organization"),
            Just("Roots"),
            Just("Id"),
            Just("ParentId"),
            Just("Checks"),
            Just("Query"),
            Just("Expect"),
            Just("Parameters"),
            Just("Value"),
            Just("SecretStructure"),
            Just("NetworkAcls"),
            Just("Entries"),
        ]
        .prop_map(str::to_owned);
        leaf.prop_recursive(6, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((keys.clone(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn load_model_never_panics(v in arb_json()) {
            let _ = load_model_value(&v);
            let _ = load_model(&v.to_string());
        }

        #[test]
        fn load_model_never_panics_on_text(text in ".{0,200}") {
            let _ = load_model(&text);
        }
    }
}

/// `holds_secret_material` (which lets loading skip copying the document) says yes exactly
/// when stripping would remove something: over every scenario and example, and small cases.
#[test]
fn holding_secret_material_is_exactly_what_stripping_would_remove() {
    use secretpath::engine::model::{holds_secret_material, strip_secret_material};
    let mut documents: Vec<(String, Value)> = [
        r#"{"SecretString": "x"}"#,
        r#"{"a": [{"PASSWORD": "x"}]}"#,
        r#"{"Parameters": [{"Name": "p", "Value": "v"}]}"#,
        r#"{"Parameter": {"Name": "p", "Value": "v"}}"#,
        r#"{"Tags": [{"Key": "k", "Value": "v"}]}"#,
        r#"{"Parameters": [{"Name": "p"}], "Value": "top-level values stay"}"#,
    ]
    .into_iter()
    .map(|text| (text.to_owned(), serde_json::from_str(text).unwrap()))
    .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "tests/scenarios/model",
        "tests/scenarios/rules",
        "public/examples",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                documents.push((
                    path.display().to_string(),
                    serde_json::from_str(&text).unwrap(),
                ));
            }
        }
    }
    let mut holding = 0;
    for (name, document) in &documents {
        let removed = !strip_secret_material(&mut document.clone()).is_empty();
        assert_eq!(holds_secret_material(document), removed, "{name}");
        holding += usize::from(removed);
    }
    assert!(
        holding >= 5,
        "only {holding} documents hold secret material"
    );
}
