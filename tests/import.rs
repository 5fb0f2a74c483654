//! Import of pasted AWS CLI output, one fixture per command under `tests/scenarios/import/`.
//! Each fixture holds the output (`Output`), the command it must be recognised as (`Command`),
//! how many entities it yields (`Entities`), what the user is asked for (`Needs`), how many
//! warnings recognition gives (`Warnings`), the suggested account and region, and optionally
//! the key or function the user names (`Owner`), the one the output names (`ExpectOwner`) and
//! the model it is merged into (`Base`, else an empty model). Every fixture must merge into a
//! model that loads, and merging it twice must change nothing. Adding a command is adding a
//! file and a line to `fixtures!`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::PathBuf;

use proptest::prelude::*;
use secretpath::engine::edit::{new_model, EntityKind};
use secretpath::engine::import::{merge, recognize, ImportError, Need, Recognized};
use secretpath::engine::model::load_model_value;
use serde_json::{json, Value};

const ACCOUNT: &str = "111122223333";
const REGION: &str = "us-east-1";

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/import")
}

fn fixture(name: &str) -> Value {
    let path = fixture_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture's output as a person would paste it.
fn output_text(name: &str) -> String {
    serde_json::to_string_pretty(&fixture(name)["Output"]).unwrap()
}

fn need_name(n: &Need) -> &'static str {
    match n {
        Need::Account => "Account",
        Need::Region => "Region",
        Need::Key => "Key",
        Need::Function => "Function",
    }
}

fn recognised(name: &str) -> Recognized {
    let f = fixture(name);
    let r = recognize(&output_text(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    match f.get("Owner").and_then(Value::as_str) {
        Some(owner) => r.with_owner(owner),
        None => r,
    }
}

fn base(name: &str) -> Value {
    fixture(name).get("Base").cloned().unwrap_or_else(new_model)
}

/// Recognise, compare with the fixture, merge, load, merge again.
fn check(name: &str) {
    let f = fixture(name);
    let r = recognised(name);
    assert_eq!(r.command, f["Command"].as_str().unwrap(), "{name}: command");
    assert_eq!(
        r.entities.len() as u64,
        f["Entities"].as_u64().unwrap(),
        "{name}: entities {:#?}",
        r.entities
    );
    let needs: Vec<&str> = r.needs.iter().map(need_name).collect();
    let expected_needs: Vec<&str> = f["Needs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(needs, expected_needs, "{name}: needs");
    assert_eq!(
        r.warnings.len() as u64,
        f["Warnings"].as_u64().unwrap(),
        "{name}: warnings {:#?}",
        r.warnings
    );
    assert_eq!(
        r.suggested_account.as_deref(),
        f["SuggestedAccount"].as_str(),
        "{name}: suggested account"
    );
    assert_eq!(
        r.suggested_region.as_deref(),
        f["SuggestedRegion"].as_str(),
        "{name}: suggested region"
    );
    if let Some(owner) = f.get("ExpectOwner") {
        assert_eq!(r.owner.as_deref(), owner.as_str(), "{name}: owner");
    }
    let model = base(name);
    let once = merge(&model, &r, ACCOUNT, REGION).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Err(e) = load_model_value(&once) {
        panic!("{name}: the merged model does not load: {e}");
    }
    let twice = merge(&once, &r, ACCOUNT, REGION).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(once, twice, "{name}: importing twice changed the model");
}

macro_rules! fixtures {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($file);
            }
        )*
        const LISTED: &[&str] = &[$($file),*];
    };
}

fixtures! {
    get_account_authorization_details_output_is_recognised => "get_account_authorization_details",
    describe_secret_output_is_recognised => "describe_secret",
    list_secrets_output_is_recognised => "list_secrets",
    get_resource_policy_output_is_recognised => "get_resource_policy",
    get_secret_value_output_is_recognised_without_its_value => "get_secret_value",
    describe_parameters_output_is_recognised => "describe_parameters",
    get_parameters_output_is_recognised_without_values => "get_parameters_by_path",
    get_parameter_output_is_recognised_without_its_value => "get_parameter",
    describe_key_output_is_recognised => "describe_key",
    get_key_policy_output_is_recognised => "get_key_policy",
    list_grants_output_is_recognised => "list_grants",
    list_aliases_output_is_recognised => "list_aliases",
    list_resource_tags_output_is_recognised => "list_resource_tags",
    describe_vpcs_output_is_recognised => "describe_vpcs",
    describe_vpc_attribute_output_is_recognised => "describe_vpc_attribute",
    describe_subnets_output_is_recognised => "describe_subnets",
    describe_route_tables_output_is_recognised => "describe_route_tables",
    describe_security_groups_output_is_recognised => "describe_security_groups",
    describe_network_acls_output_is_recognised => "describe_network_acls",
    describe_vpc_endpoints_output_is_recognised => "describe_vpc_endpoints",
    describe_nat_gateways_output_is_recognised => "describe_nat_gateways",
    describe_internet_gateways_output_is_recognised => "describe_internet_gateways",
    describe_instances_output_is_recognised_and_flattened => "describe_instances",
    get_function_configuration_output_is_recognised => "get_function_configuration",
    list_functions_output_is_recognised => "list_functions",
    lambda_get_function_output_is_recognised => "get_function",
    lambda_get_policy_output_is_recognised_with_its_function => "lambda_get_policy",
    describe_db_instances_output_is_recognised => "describe_db_instances",
    describe_organization_output_is_recognised => "describe_organization",
    list_roots_output_is_recognised => "list_roots",
    describe_policy_output_is_recognised => "describe_policy",
    list_policies_output_is_recognised => "list_policies",
    list_accounts_output_is_recognised => "list_accounts",
}

#[test]
fn every_fixture_file_is_listed() {
    let mut files: Vec<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = LISTED.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

/// The model after importing each fixture in turn into an empty model.
fn import_all(names: &[&str]) -> Value {
    names.iter().fold(new_model(), |model, name| {
        merge(&model, &recognised(name), ACCOUNT, REGION).unwrap_or_else(|e| panic!("{name}: {e}"))
    })
}

fn region(model: &Value) -> &Value {
    &model["Accounts"][0]["Regions"][0]
}

#[test]
fn importing_twice_changes_nothing() {
    let once = import_all(&["describe_secret", "get_resource_policy", "describe_subnets"]);
    let twice = import_all(&[
        "describe_secret",
        "get_resource_policy",
        "describe_subnets",
        "describe_secret",
        "get_resource_policy",
        "describe_subnets",
    ]);
    assert_eq!(once, twice);
}

#[test]
fn merge_replaces_an_entity_with_the_same_id() {
    let model = import_all(&["describe_secret"]);
    let mut changed = fixture("describe_secret")["Output"].clone();
    changed["Description"] = json!("rotated credentials");
    let r = recognize(&changed.to_string()).unwrap();
    let model = merge(&model, &r, ACCOUNT, REGION).unwrap();
    let secrets = region(&model)["Secrets"].as_array().unwrap();
    assert_eq!(secrets.len(), 1);
    assert_eq!(secrets[0]["Description"], "rotated credentials");
}

#[test]
fn replacing_an_entity_keeps_what_other_commands_attached() {
    let model = import_all(&[
        "get_resource_policy",
        "describe_secret",
        "get_key_policy",
        "list_grants",
        "describe_key",
        "describe_vpc_attribute",
        "describe_vpcs",
    ]);
    let r = region(&model);
    assert_eq!(r["Secrets"].as_array().unwrap().len(), 1);
    assert!(r["Secrets"][0]["ResourcePolicy"].is_string());
    assert_eq!(r["Secrets"][0]["Name"], "prod/db");
    let key = &r["Keys"][0];
    assert_eq!(r["Keys"].as_array().unwrap().len(), 1);
    assert!(key["Policy"].is_string());
    assert_eq!(key["Grants"].as_array().unwrap().len(), 1);
    assert_eq!(key["KeyMetadata"]["Description"], "prod secrets");
    assert_eq!(r["Vpcs"][0]["EnableDnsHostnames"], json!({"Value": true}));
    assert_eq!(r["Vpcs"][0]["CidrBlock"], "10.0.0.0/16");
}

#[test]
fn policies_printed_as_json_strings_stay_strings_and_load() {
    let model = import_all(&[
        "describe_secret",
        "get_resource_policy",
        "get_key_policy",
        "lambda_get_policy",
        "describe_vpc_endpoints",
    ]);
    let r = region(&model);
    let printed = fixture("get_resource_policy")["Output"]["ResourcePolicy"].clone();
    assert_eq!(r["Secrets"][0]["ResourcePolicy"], printed);
    assert!(r["Keys"][0]["Policy"].is_string());
    assert!(r["Functions"][0]["Policy"].is_string());
    assert!(r["VpcEndpoints"][0]["PolicyDocument"].is_string());
    let loaded = load_model_value(&model).unwrap().model;
    let region = &loaded.accounts[0].regions[0];
    assert!(region.secrets[0].resource_policy.is_some());
    assert!(region
        .keys
        .iter()
        .any(|k| !k.synthesized && k.policy.is_some()));
    assert!(region.functions[0].policy.is_some());
}

#[test]
fn secret_material_is_removed_with_a_warning_naming_where_it_was() {
    let r = recognised("get_parameters_by_path");
    let paths: Vec<String> = r.warnings.iter().map(|w| w.path.to_string()).collect();
    assert_eq!(paths, ["$.Parameters[0].Value", "$.Parameters[1].Value"]);
    assert!(r.warnings[0].message.contains("`Value`"));
    let model = merge(&new_model(), &r, ACCOUNT, REGION).unwrap();
    let text = model.to_string();
    assert!(!text.contains("EXAMPLE-PASSWORD"));
    assert!(!text.contains("prod-db.example.internal"));

    let r = recognised("get_secret_value");
    assert_eq!(r.warnings[0].path.to_string(), "$.SecretString");
    let model = merge(&new_model(), &r, ACCOUNT, REGION).unwrap();
    assert!(!model.to_string().contains("EXAMPLE-PASSWORD"));
    assert!(!format!("{r:?}").contains("EXAMPLE-PASSWORD"));
}

#[test]
fn merge_never_writes_secret_material_even_from_a_hand_built_recognition() {
    let mut r = recognised("describe_parameters");
    r.entities[0]
        .fields
        .insert("Value".to_owned(), json!("s3cr3t-EXAMPLE"));
    r.entities[1]
        .fields
        .insert("SecretString".to_owned(), json!("hunter2-EXAMPLE"));
    let model = merge(&new_model(), &r, ACCOUNT, REGION).unwrap();
    let text = model.to_string();
    assert!(!text.contains("s3cr3t") && !text.contains("hunter2"));
}

#[test]
fn json_of_no_known_command_is_rejected_naming_the_keys_seen() {
    let err = recognize(r#"{"Buckets": [], "Owner": {"ID": "x"}}"#).unwrap_err();
    assert_eq!(
        err,
        ImportError::UnknownOutput {
            keys: vec!["Buckets".to_owned(), "Owner".to_owned()]
        }
    );
    assert!(err.to_string().contains("`Buckets`, `Owner`"));
}

#[test]
fn text_that_is_not_json_is_rejected_with_line_and_column() {
    let err = recognize("{\n  \"Vpcs\": [\n    {\"VpcId\": \"vpc-1\",}\n  ]\n}").unwrap_err();
    let ImportError::NotJson { line, column, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!((*line, *column), (3, 23));
    assert!(err.to_string().contains("line 3, column 23"));
    assert!(matches!(
        recognize("[1, 2]"),
        Err(ImportError::NotAnObject { found: "an array" })
    ));
}

#[test]
fn an_empty_list_is_rejected() {
    let err = recognize(r#"{"Vpcs": []}"#).unwrap_err();
    assert_eq!(
        err,
        ImportError::Empty {
            command: "aws ec2 describe-vpcs",
            what: "VPCs"
        }
    );
    assert!(matches!(
        recognize(r#"{"Reservations": [{"Instances": []}]}"#),
        Err(ImportError::Empty { .. })
    ));
}

#[test]
fn a_model_file_is_not_mistaken_for_cli_output() {
    assert_eq!(
        recognize(&new_model().to_string()).unwrap_err(),
        ImportError::ModelFile
    );
}

#[test]
fn a_key_policy_needs_the_key_it_belongs_to() {
    let r = recognize(&output_text("get_key_policy")).unwrap();
    assert_eq!(r.owner, None);
    assert!(matches!(
        merge(&new_model(), &r, ACCOUNT, REGION),
        Err(ImportError::MissingOwner { what: "key", .. })
    ));
}

#[test]
fn a_key_may_be_named_by_its_alias() {
    let model = import_all(&["describe_key", "list_aliases"]);
    let r = recognize(&output_text("get_key_policy"))
        .unwrap()
        .with_owner("alias/prod-secrets");
    let model = merge(&model, &r, ACCOUNT, REGION).unwrap();
    let keys = region(&model)["Keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    assert!(keys[0]["Policy"].is_string());
    let unknown = recognize(&output_text("get_key_policy"))
        .unwrap()
        .with_owner("alias/nope");
    assert!(matches!(
        merge(&model, &unknown, ACCOUNT, REGION),
        Err(ImportError::UnknownOwner { .. })
    ));
}

#[test]
fn aliases_of_aws_managed_keys_do_not_create_keys() {
    let model = import_all(&["list_aliases"]);
    let keys = region(&model)["Keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["Aliases"][0]["AliasName"], "alias/prod-secrets");
}

#[test]
fn output_that_would_break_the_model_changes_nothing_and_says_where() {
    let model = import_all(&["describe_vpcs"]);
    let before = model.clone();
    let mut bad = fixture("describe_subnets")["Output"].clone();
    bad["Subnets"][1]["CidrBlock"] = json!("10.0.2.0/99");
    let r = recognize(&bad.to_string()).unwrap();
    let err = merge(&model, &r, ACCOUNT, REGION).unwrap_err();
    let ImportError::Invalid(errors) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        errors.0[0].path.as_str(),
        "$.Accounts[0].Regions[0].Subnets[1].CidrBlock"
    );
    assert_eq!(model, before);
}

#[test]
fn an_invalid_account_is_rejected() {
    let r = recognised("describe_vpcs");
    let err = merge(&new_model(), &r, "prod", REGION).unwrap_err();
    assert!(err.to_string().contains("`prod`"), "{err}");
    let err = merge(&new_model(), &r, ACCOUNT, "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the `aws ec2 describe-vpcs` output needs the region it was taken in"
    );
}

#[test]
fn iam_output_needs_no_region() {
    let r = recognised("get_account_authorization_details");
    let model = merge(&new_model(), &r, ACCOUNT, "").unwrap();
    let iam = &model["Accounts"][0]["Iam"];
    assert_eq!(iam["RoleDetailList"].as_array().unwrap().len(), 2);
    assert!(model["Accounts"][0].get("Regions").is_none());
    assert_eq!(
        r.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Role)
            .count(),
        2
    );
}

#[test]
fn organization_accounts_are_placed_under_the_only_root() {
    let model = merge(
        &fixture("list_accounts")["Base"],
        &recognised("list_accounts"),
        "",
        "",
    )
    .unwrap();
    let accounts = model["Organization"]["Accounts"].as_array().unwrap();
    assert_eq!(accounts[1]["ParentId"], "r-examplerootid111");
    assert_eq!(model["Accounts"][1]["Name"], "prod");
    let without_root = json!({"Format": "secretpath/1", "Organization": {"Id": "o-exampleorgid"}});
    assert!(matches!(
        merge(&without_root, &recognised("list_accounts"), "", ""),
        Err(ImportError::NoParent { roots: 0, .. })
    ));
}

#[test]
fn an_organization_is_created_from_the_ids_its_arns_carry() {
    let model = merge(&new_model(), &recognised("list_roots"), "", "").unwrap();
    assert_eq!(model["Organization"]["Id"], "o-exampleorgid");
    assert_eq!(model["Organization"]["ManagementAccountId"], "111111111111");
    assert_eq!(
        model["Organization"]["Roots"][0]["Id"],
        "r-examplerootid111"
    );
}

proptest! {
    #[test]
    fn recognising_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = recognize(&text);
    }

    #[test]
    fn recognising_arbitrary_json_never_panics(value in arbitrary_json()) {
        if let Ok(r) = recognize(&value.to_string()) {
            let _ = merge(&new_model(), &r, ACCOUNT, REGION);
        }
    }
}

const KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "Policy",
    "Parameters",
    "Parameter",
    "KeyMetadata",
    "Grants",
    "Aliases",
    "Tags",
    "TagKey",
    "Reservations",
    "Instances",
    "VpcId",
    "EnableDnsSupport",
    "ARN",
    "Name",
    "ResourcePolicy",
    "SecretString",
    "Value",
    "FunctionArn",
    "FunctionName",
    "Organization",
    "Id",
    "Accounts",
    "Roots",
    "Policies",
    "PolicySummary",
    "Content",
    "RoleDetailList",
    "Statement",
    "KeyId",
    "TargetKeyId",
    "AliasName",
    "SecretList",
    "Configuration",
];

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z0-9:/\\-{}\"]{0,20}".prop_map(Value::String),
        Just(json!("arn:aws:kms:us-east-1:111122223333:key/k")),
        Just(json!(
            "{\"Statement\":[{\"Action\":\"lambda:InvokeFunction\"}]}"
        )),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..5).prop_map(|members| {
                Value::Object(
                    members
                        .into_iter()
                        .map(|(k, v)| ((*k).to_owned(), v))
                        .collect(),
                )
            }),
        ]
    })
}
