//! The forms' engine side: a schema and a template for every kind, schema fields the loader
//! really reads, reference pickers that offer the right entities, field edits that keep the rest
//! of the entity, accounts placed in the organization.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use secretpath::engine::edit::{
    account_placement, add_entity, bool_input, bool_value, delete_entity, field_input, find_entity,
    form_schema, list_entities, new_model, policy_input, policy_text, reference_candidates,
    set_account_placement, set_field, template, update_entity, AccountPlacement, EntityKind,
    EntityPath, Field, FieldType, Reference,
};
use secretpath::engine::model::load_model_value;
use serde_json::{json, Value};

const A: &str = "111122223333";
const B: &str = "444455556666";
const R: &str = "us-east-1";

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("public/examples/{name}.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every error the loader reports for `doc`, as `path: message`.
fn load_errors(doc: &Value) -> Vec<String> {
    match load_model_value(doc) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .0
            .iter()
            .map(|e| format!("{}: {}", e.path.as_str(), e.message))
            .collect(),
    }
}

/// An organization with a root, so that the organization's kinds have somewhere to go.
fn model_with_organization() -> Value {
    let doc = new_model();
    let account = template(&doc, EntityKind::Account, A, R);
    let doc = add_entity(&doc, EntityKind::Account, A, R, account).unwrap();
    let org = template(&doc, EntityKind::Organization, A, R);
    add_entity(&doc, EntityKind::Organization, A, R, org).unwrap()
}

/// Add a fresh template of `kind` to `doc`.
fn add_template(doc: &Value, kind: EntityKind) -> Value {
    let entity = template(doc, kind, A, R);
    add_entity(doc, kind, A, R, entity)
        .unwrap_or_else(|e| panic!("{kind}: the template could not be added: {e}"))
}

// ---- schemas ----

#[test]
fn every_kind_has_a_form_schema_that_names_its_identity() {
    for kind in EntityKind::ALL {
        let schema = form_schema(kind);
        let first = kind.id_field().split('.').next().unwrap();
        assert!(
            schema.iter().any(|f| f.name == first && f.required),
            "{kind}: the identity `{first}` is not a required field of its form"
        );
    }
}

/// The smallest element of the list `name` that the loader reads in full: the loader skips an
/// element without the members that identify it, and reads a route's alternative destinations
/// and targets only when the earlier ones are absent.
fn sample_row(name: &str) -> Value {
    let empty_policy = json!({"Version": "2012-10-17", "Statement": []});
    match name {
        "InstanceProfileList" => json!({"Arn": format!("arn:aws:iam::{A}:instance-profile/probe")}),
        "RolePolicyList" | "UserPolicyList" | "GroupPolicyList" => {
            json!({"PolicyName": "probe", "PolicyDocument": empty_policy})
        }
        "AttachedManagedPolicies" => {
            json!({"PolicyArn": format!("arn:aws:iam::{A}:policy/new-policy-1")})
        }
        "IpPermissions" | "IpPermissionsEgress" => json!({"IpProtocol": "tcp"}),
        "UserIdGroupPairs" | "Groups" | "SecurityGroups" => json!({"GroupId": "sg-new1"}),
        "VpcSecurityGroups" => json!({"VpcSecurityGroupId": "sg-new1"}),
        "Entries" => json!({"RuleNumber": 200, "Protocol": "6", "RuleAction": "allow"}),
        "Aliases" => json!({"AliasName": "alias/probe"}),
        "DnsEntries" => json!({"DnsName": "probe.example.com"}),
        "Grants" => json!({"GranteePrincipal": format!("arn:aws:iam::{A}:root")}),
        "Attachments" => json!({"VpcId": "vpc-new1"}),
        _ => json!({}),
    }
}

/// A field to probe: its path, its type, and the list elements to create first.
struct Probe {
    path: EntityPath,
    kind: FieldType,
    setup: Vec<(EntityPath, Value)>,
}

/// Every field of `fields` under `prefix`, nested ones included; a list's fields are probed in
/// a new element appended to it.
fn every_field(
    doc: &Value,
    fields: &[Field],
    prefix: &EntityPath,
    setup: &[(EntityPath, Value)],
    out: &mut Vec<Probe>,
) {
    for field in fields {
        let path = prefix.key(field.name);
        out.push(Probe {
            path: path.clone(),
            kind: field.kind,
            setup: setup.to_vec(),
        });
        match field.kind {
            FieldType::Object(inner) => every_field(doc, inner, &path, setup, out),
            FieldType::List(inner) => {
                let len = path.get(doc).and_then(Value::as_array).map_or(0, Vec::len);
                let row = path.index(len);
                for member in inner {
                    // A route's state and origin are read once it has a destination and a target.
                    let sample = match (field.name, member.name) {
                        ("Routes", "State" | "Origin") => {
                            json!({"DestinationCidrBlock": "10.9.0.0/16", "GatewayId": "local"})
                        }
                        _ => sample_row(field.name),
                    };
                    let mut setup = setup.to_vec();
                    setup.push((row.clone(), sample));
                    every_field(doc, std::slice::from_ref(member), &row, &setup, out);
                }
            }
            _ => {}
        }
    }
}

/// A value of the wrong type for a field of this type.
fn wrong_type(kind: FieldType) -> Value {
    match kind {
        FieldType::Text
        | FieldType::Number
        | FieldType::Bool
        | FieldType::Enum(_)
        | FieldType::Timestamp
        | FieldType::Cidr
        | FieldType::Reference(_) => json!([true]),
        FieldType::Policy
        | FieldType::Json
        | FieldType::Tags
        | FieldType::Strings
        | FieldType::References(_)
        | FieldType::Object(_)
        | FieldType::List(_) => json!(7),
    }
}

#[test]
fn every_schema_field_is_read_by_the_loader_at_its_path() {
    // A value of the wrong type in a field the loader reads is an error at that field's path;
    // in a field it ignored, nothing would be said.
    let mut doc = model_with_organization();
    for kind in EntityKind::ALL {
        if !matches!(kind, EntityKind::Account | EntityKind::Organization) {
            doc = add_template(&doc, kind);
        }
    }
    assert_eq!(load_errors(&doc), Vec::<String>::new());
    let mut unread = Vec::new();
    for entity in list_entities(&doc) {
        let mut fields = Vec::new();
        every_field(
            &doc,
            form_schema(entity.kind),
            &entity.path,
            &[],
            &mut fields,
        );
        for Probe { path, kind, setup } in fields {
            let mut probed = doc.clone();
            for (row, value) in setup {
                assert!(set_field(&mut probed, &row, Some(value)), "{row}");
            }
            assert!(
                set_field(&mut probed, &path, Some(wrong_type(kind))),
                "{path}"
            );
            let at = path.to_string();
            if at.contains(".PolicyVersionList[") {
                // Read without type errors: see `the_default_policy_version_is_the_one_read`.
                continue;
            }
            let reported = load_errors(&probed).iter().any(|e| {
                e.starts_with(&format!("{at}:"))
                    || e.starts_with(&format!("{at}["))
                    || e.starts_with(&format!("{at}."))
            });
            if !reported {
                unread.push(at);
            }
        }
    }
    assert_eq!(
        unread,
        Vec::<String>::new(),
        "fields the loader does not read"
    );
}

#[test]
fn enum_fields_offer_only_values_the_loader_accepts() {
    let doc = model_with_organization();
    let mut doc = doc;
    for kind in EntityKind::ALL {
        if !matches!(kind, EntityKind::Account | EntityKind::Organization) {
            doc = add_template(&doc, kind);
        }
    }
    for entity in list_entities(&doc) {
        let mut fields = Vec::new();
        every_field(
            &doc,
            form_schema(entity.kind),
            &entity.path,
            &[],
            &mut fields,
        );
        for Probe { path, kind, setup } in fields {
            let FieldType::Enum(values) = kind else {
                continue;
            };
            for value in values {
                let mut edited = doc.clone();
                for (row, value) in &setup {
                    set_field(&mut edited, row, Some(value.clone()));
                }
                set_field(&mut edited, &path, Some(json!(value)));
                let at = path.to_string();
                let errors: Vec<String> = load_errors(&edited)
                    .into_iter()
                    .filter(|e| e.starts_with(&at))
                    .collect();
                assert_eq!(errors, Vec::<String>::new(), "{at} = {value}");
            }
        }
    }
}

#[test]
fn the_default_policy_version_is_the_one_read() {
    // `VersionId`, `IsDefaultVersion` and `Document` of a managed policy's versions: the loader
    // reads the document of the version marked default (or named by `DefaultVersionId`).
    let version = |id: &str, default: bool, action: &str| {
        json!({"VersionId": id, "IsDefaultVersion": default,
               "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}})
    };
    let arn = format!("arn:aws:iam::{A}:policy/p");
    let policy = |versions: Value, default: Option<&str>| {
        let mut p = json!({"Arn": arn, "PolicyName": "p", "PolicyVersionList": versions});
        if let Some(d) = default {
            p["DefaultVersionId"] = json!(d);
        }
        let doc = add_entity(&new_model(), EntityKind::ManagedPolicy, A, R, p).unwrap();
        let loaded = load_model_value(&doc).unwrap();
        format!(
            "{:?}",
            loaded.model.accounts[0].iam.managed_policies[0].document
        )
    };
    let by_flag = policy(
        json!([
            version("v1", false, "s3:One"),
            version("v2", true, "s3:Two")
        ]),
        None,
    );
    assert!(
        by_flag.contains("s3:Two") && !by_flag.contains("s3:One"),
        "{by_flag}"
    );
    let by_id = policy(
        json!([{"VersionId": "v1", "Document": {"Version": "2012-10-17", "Statement": []}},
               {"VersionId": "v2", "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Two", "Resource": "*"}]}}]),
        Some("v2"),
    );
    assert!(by_id.contains("s3:Two"), "{by_id}");
}

// ---- templates ----

#[test]
fn every_template_added_to_a_model_loads_without_errors() {
    let mut doc = model_with_organization();
    for kind in EntityKind::ALL {
        if kind == EntityKind::Organization {
            continue;
        }
        doc = add_template(&doc, kind);
        assert_eq!(
            load_errors(&doc),
            Vec::<String>::new(),
            "after adding {kind}"
        );
    }
    // The organization's own template, in a model without one.
    let org = add_template(&new_model(), EntityKind::Organization);
    assert_eq!(load_errors(&org), Vec::<String>::new());
}

#[test]
fn templates_take_fresh_identities_so_each_kind_can_be_added_twice() {
    let mut doc = example("quickstart");
    let org = template(&doc, EntityKind::Organization, A, R);
    doc = add_entity(&doc, EntityKind::Organization, A, R, org).unwrap();
    for kind in EntityKind::ALL {
        if kind == EntityKind::Organization {
            continue;
        }
        let first = template(&doc, kind, A, R);
        doc = add_template(&doc, kind);
        if kind != EntityKind::OrganizationAccount {
            let second = template(&doc, kind, A, R);
            assert_ne!(kind.id_of(&first), kind.id_of(&second), "{kind}");
            doc = add_template(&doc, kind);
        }
        assert_eq!(
            load_errors(&doc),
            Vec::<String>::new(),
            "after adding {kind}"
        );
    }
}

#[test]
fn templates_refer_to_what_the_model_already_holds() {
    let doc = add_template(&new_model(), EntityKind::Vpc);
    let doc = add_template(&doc, EntityKind::Role);
    assert_eq!(
        template(&doc, EntityKind::Subnet, A, R)["VpcId"],
        json!("vpc-new1")
    );
    assert_eq!(
        template(&doc, EntityKind::Function, A, R)["Role"],
        json!(format!("arn:aws:iam::{A}:role/new-role-1"))
    );
}

// ---- reference candidates ----

fn values(doc: &Value, reference: Reference) -> Vec<String> {
    reference_candidates(doc, reference)
        .into_iter()
        .map(|c| c.value)
        .collect()
}

#[test]
fn reference_candidates_list_the_referenced_entities_across_accounts() {
    let key = |id: &str, account: &str| {
        json!({"KeyMetadata": {"KeyId": id, "Arn": format!("arn:aws:kms:{R}:{account}:key/{id}")},
               "Aliases": [{"AliasName": format!("alias/{id}")}]})
    };
    let mut doc = new_model();
    doc = add_entity(&doc, EntityKind::Key, A, R, key("k1", A)).unwrap();
    doc = add_entity(&doc, EntityKind::Key, B, R, key("k2", B)).unwrap();
    doc = add_entity(
        &doc,
        EntityKind::Key,
        A,
        R,
        json!({"KeyMetadata": {"KeyId": "k3"}}),
    )
    .unwrap();
    doc = add_entity(&doc, EntityKind::Vpc, A, R, json!({"VpcId": "vpc-1"})).unwrap();
    doc = add_entity(
        &doc,
        EntityKind::InternetGateway,
        A,
        R,
        json!({"InternetGatewayId": "igw-1"}),
    )
    .unwrap();
    doc = add_entity(
        &doc,
        EntityKind::VpcEndpoint,
        A,
        R,
        json!({"VpcEndpointId": "vpce-gw", "VpcEndpointType": "Gateway"}),
    )
    .unwrap();
    doc = add_entity(
        &doc,
        EntityKind::VpcEndpoint,
        A,
        R,
        json!({"VpcEndpointId": "vpce-if", "VpcEndpointType": "Interface"}),
    )
    .unwrap();
    doc = add_entity(&doc, EntityKind::Role, B, R, json!({
        "RoleName": "app", "Arn": format!("arn:aws:iam::{B}:role/app"),
        "InstanceProfileList": [{"InstanceProfileName": "app-profile", "Arn": format!("arn:aws:iam::{B}:instance-profile/app-profile")}]
    })).unwrap();

    assert_eq!(
        values(&doc, Reference::Key),
        [
            format!("arn:aws:kms:{R}:{A}:key/k1"),
            format!("arn:aws:kms:{R}:{A}:key/k3"),
            format!("arn:aws:kms:{R}:{B}:key/k2"),
        ]
    );
    let labels: Vec<String> = reference_candidates(&doc, Reference::Key)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(
        labels[0].contains("alias/k1") && labels[0].contains(A),
        "{labels:?}"
    );
    assert!(labels[2].contains(B), "{labels:?}");
    assert_eq!(values(&doc, Reference::Vpc), ["vpc-1"]);
    assert_eq!(
        values(&doc, Reference::RouteGateway),
        ["local", "vpce-gw", "igw-1"]
    );
    assert_eq!(values(&doc, Reference::VpcEndpoint), ["vpce-gw", "vpce-if"]);
    assert_eq!(
        values(&doc, Reference::Role),
        [format!("arn:aws:iam::{B}:role/app")]
    );
    assert_eq!(
        values(&doc, Reference::InstanceProfile),
        [format!("arn:aws:iam::{B}:instance-profile/app-profile")]
    );
    assert_eq!(values(&doc, Reference::Account), [A, B]);
    assert_eq!(values(&doc, Reference::Subnet), Vec::<String>::new());
}

#[test]
fn organization_references_offer_roots_units_and_accounts() {
    let mut doc = model_with_organization();
    doc = add_template(&doc, EntityKind::OrganizationalUnit);
    doc = add_template(&doc, EntityKind::OrganizationAccount);
    assert_eq!(
        values(&doc, Reference::OrganizationParent),
        ["r-exampleroot", "ou-new1"]
    );
    let account = list_entities(&doc)
        .into_iter()
        .find(|e| e.kind == EntityKind::Account)
        .and_then(|e| e.id)
        .unwrap();
    assert_eq!(
        values(&doc, Reference::OrganizationTarget),
        ["r-exampleroot".to_owned(), "ou-new1".to_owned(), account]
    );
}

// ---- field edits ----

#[test]
fn setting_a_field_changes_that_member_only() {
    let mut entity = json!({"RouteTableId": "rtb-1", "Unknown": {"kept": true},
                            "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Extra": 1}]});
    let route = EntityPath::root().key("Routes").index(0);
    assert!(set_field(
        &mut entity,
        &route.key("GatewayId"),
        Some(json!("igw-1"))
    ));
    assert!(set_field(
        &mut entity,
        &route.key("DestinationCidrBlock"),
        None
    ));
    assert!(set_field(
        &mut entity,
        &EntityPath::root()
            .key("Associations")
            .index(0)
            .key("SubnetId"),
        Some(json!("subnet-1"))
    ));
    assert_eq!(
        entity,
        json!({"RouteTableId": "rtb-1", "Unknown": {"kept": true},
               "Routes": [{"GatewayId": "igw-1", "Extra": 1}],
               "Associations": [{"SubnetId": "subnet-1"}]})
    );
    assert!(set_field(
        &mut entity,
        &EntityPath::root().key("Routes").index(0),
        None
    ));
    assert_eq!(entity["Routes"], json!([]));
}

#[test]
fn inputs_become_values_as_the_loader_reads_them() {
    assert_eq!(field_input(FieldType::Number, "443"), Some(json!(443)));
    assert_eq!(field_input(FieldType::Number, "4x"), Some(json!("4x")));
    assert_eq!(field_input(FieldType::Text, "  "), None);
    assert_eq!(bool_value(Some(&json!({"Value": true}))), Some(true));
    assert_eq!(
        bool_input(Some(&json!({"Value": true})), false),
        json!({"Value": false})
    );
    assert_eq!(bool_input(None, true), json!(true));
    // A policy written as a JSON string stays a JSON string.
    let written = json!("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    let (text, as_string) = policy_text(Some(&written));
    assert!(as_string && text.contains("\n"));
    assert_eq!(policy_input(&text, as_string), Ok(Some(written)));
    assert!(policy_input("{", false).is_err());
}

// ---- accounts ----

#[test]
fn accounts_are_added_renamed_and_deleted_like_other_entities() {
    let doc = add_template(&new_model(), EntityKind::Account);
    let path = find_entity(&doc, EntityKind::Account, "", "", "200000000001").unwrap();
    assert_eq!(path.to_string(), "$.Accounts[0]");
    assert_eq!(path.entity_kind(), Some(EntityKind::Account));
    let mut account = path.get(&doc).unwrap().clone();
    account["AccountId"] = json!(A);
    let doc = update_entity(&doc, &path, account).unwrap();
    assert_eq!(load_errors(&doc), Vec::<String>::new());
    assert_eq!(doc["Accounts"][0]["AccountId"], json!(A));
    let doc = delete_entity(&doc, &path).unwrap();
    assert_eq!(doc["Accounts"], json!([]));
}

#[test]
fn an_account_is_placed_under_a_parent_with_policies_attached_and_follows_a_rename() {
    let mut doc = model_with_organization();
    doc = add_template(&doc, EntityKind::OrganizationalUnit);
    doc = add_template(&doc, EntityKind::OrganizationPolicy);
    let account = doc["Accounts"][0]["AccountId"].as_str().unwrap().to_owned();
    assert_eq!(
        account_placement(&doc, &account),
        AccountPlacement::default()
    );

    let placed = AccountPlacement {
        parent: Some("ou-new1".to_owned()),
        policies: vec!["p-new1".to_owned()],
    };
    let doc = set_account_placement(&doc, &account, &account, &placed).unwrap();
    assert_eq!(account_placement(&doc, &account), placed);
    assert_eq!(load_errors(&doc), Vec::<String>::new());

    // Renamed: the organization entry and the policy target follow.
    let doc = set_account_placement(&doc, &account, B, &placed).unwrap();
    assert_eq!(
        account_placement(&doc, &account),
        AccountPlacement::default()
    );
    assert_eq!(account_placement(&doc, B), placed);

    // Detached and taken out of the organization.
    let doc = set_account_placement(&doc, B, B, &AccountPlacement::default()).unwrap();
    assert_eq!(account_placement(&doc, B), AccountPlacement::default());
    assert_eq!(doc["Organization"]["Policies"][0]["Targets"], json!([]));
}

#[test]
fn an_account_cannot_be_placed_without_an_organization() {
    let doc = add_template(&new_model(), EntityKind::Account);
    let placed = AccountPlacement {
        parent: Some("r-1".to_owned()),
        policies: Vec::new(),
    };
    assert!(set_account_placement(&doc, "200000000001", "200000000001", &placed).is_err());
    assert_eq!(
        set_account_placement(
            &doc,
            "200000000001",
            "200000000001",
            &AccountPlacement::default()
        ),
        Ok(doc)
    );
}
