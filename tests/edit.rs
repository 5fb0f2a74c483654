//! Editing the model document: the operations the app's forms call, undo / redo, share links.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use proptest::prelude::*;
use secretpath::engine::edit::share::{decode, encode, ShareError, MAX_FRAGMENT_CHARS};
use secretpath::engine::edit::{
    add_entity, delete_entity, find_entity, list_entities, new_model, update_entity, EditError,
    EntityKind, EntityPath, History,
};
use secretpath::engine::model::load_model_value;
use serde_json::{json, Value};

const A: &str = "111122223333";
const R: &str = "us-east-1";
const SECRET_ARN: &str = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";

fn secret() -> Value {
    json!({"ARN": SECRET_ARN, "Name": "prod/db"})
}

fn vpc(id: &str) -> Value {
    json!({"VpcId": id, "CidrBlock": "10.0.0.0/16"})
}

fn path(text: &str) -> EntityPath {
    text.parse().unwrap()
}

// ---- document operations ----

#[test]
fn adding_an_entity_creates_its_account_and_region() {
    let doc = add_entity(&new_model(), EntityKind::Secret, A, R, secret()).unwrap();
    assert_eq!(doc["Accounts"][0]["AccountId"], A);
    assert_eq!(doc["Accounts"][0]["Regions"][0]["Region"], R);
    assert_eq!(doc["Accounts"][0]["Regions"][0]["Secrets"][0], secret());
    assert!(load_model_value(&doc).is_ok());
}

#[test]
fn every_kind_can_be_added_where_it_belongs() {
    let cases = [
        (
            EntityKind::Role,
            json!({"RoleName": "app", "Arn": "arn:aws:iam::111122223333:role/app"}),
            "$.Accounts[0].Iam.RoleDetailList[0]",
        ),
        (
            EntityKind::Check,
            json!({"Name": "app reads", "Query": {}}),
            "$.Checks[0]",
        ),
        (
            EntityKind::Organization,
            json!({"Id": "o-exampleorgid"}),
            "$.Organization",
        ),
        (
            EntityKind::OrganizationRoot,
            json!({"Id": "r-examplerootid111"}),
            "$.Organization.Roots[0]",
        ),
        (
            EntityKind::DbInstance,
            json!({"DBInstanceIdentifier": "db"}),
            "$.Accounts[0].Regions[0].DBInstances[0]",
        ),
    ];
    for (kind, entity, expected) in cases {
        let doc = add_entity(&new_model(), kind, A, R, entity.clone()).unwrap();
        let id = kind.id_of(&entity).unwrap();
        let found = find_entity(&doc, kind, A, R, &id).unwrap();
        assert_eq!(found.to_string(), expected, "{kind}");
        assert_eq!(found.entity_kind(), Some(kind));
        assert_eq!(found.get(&doc), Some(&entity));
    }
}

#[test]
fn adding_an_entity_whose_id_is_taken_is_refused_at_the_existing_one() {
    let doc = add_entity(&new_model(), EntityKind::Vpc, A, R, vpc("vpc-1")).unwrap();
    let err = add_entity(&doc, EntityKind::Vpc, A, R, vpc("vpc-1")).unwrap_err();
    assert_eq!(
        err,
        EditError::Duplicate {
            path: path("$.Accounts[0].Regions[0].Vpcs[0]"),
            kind: "a VPC",
            id: "vpc-1".to_owned()
        }
    );
    assert!(err
        .to_string()
        .starts_with("$.Accounts[0].Regions[0].Vpcs[0]: a VPC `vpc-1`"));
}

#[test]
fn an_entity_without_its_identity_is_refused() {
    let err = add_entity(&new_model(), EntityKind::Secret, A, R, json!({"Name": "x"})).unwrap_err();
    assert_eq!(err.to_string(), "a secret needs `ARN` to be identified");
    assert!(matches!(
        add_entity(&new_model(), EntityKind::Secret, A, R, json!("arn")),
        Err(EditError::NotAnObject { .. })
    ));
}

#[test]
fn an_entity_holding_secret_material_is_refused() {
    let mut s = secret();
    s["SecretString"] = json!("hunter2");
    let err = add_entity(&new_model(), EntityKind::Secret, A, R, s).unwrap_err();
    assert!(
        matches!(&err, EditError::SecretMaterial { path, .. } if path.to_string() == "$.SecretString")
    );
    let doc = add_entity(&new_model(), EntityKind::Secret, A, R, secret()).unwrap();
    let mut p = json!({"Name": "p", "Type": "SecureString", "Value": "hunter2"});
    assert!(matches!(
        add_entity(&doc, EntityKind::Parameter, A, R, p.clone()),
        Err(EditError::SecretMaterial { .. })
    ));
    p.as_object_mut().unwrap().remove("Value");
    assert!(add_entity(&doc, EntityKind::Parameter, A, R, p).is_ok());
}

#[test]
fn a_bad_account_or_region_is_refused() {
    assert_eq!(
        add_entity(&new_model(), EntityKind::Secret, "prod", R, secret()),
        Err(EditError::InvalidAccount("prod".to_owned()))
    );
    assert_eq!(
        add_entity(&new_model(), EntityKind::Secret, A, "US East", secret()),
        Err(EditError::InvalidRegion("US East".to_owned()))
    );
    let broken = json!({"Format": "secretpath/1", "Accounts": {"oops": true}});
    assert!(matches!(
        add_entity(&broken, EntityKind::Secret, A, R, secret()),
        Err(EditError::Malformed { .. })
    ));
}

#[test]
fn updating_replaces_the_entity_at_its_path() {
    let doc = add_entity(&new_model(), EntityKind::Vpc, A, R, vpc("vpc-1")).unwrap();
    let at = path("$.Accounts[0].Regions[0].Vpcs[0]");
    let doc = update_entity(
        &doc,
        &at,
        json!({"VpcId": "vpc-1", "CidrBlock": "10.1.0.0/16"}),
    )
    .unwrap();
    assert_eq!(
        doc["Accounts"][0]["Regions"][0]["Vpcs"][0]["CidrBlock"],
        "10.1.0.0/16"
    );
    // A new id is fine, another entity's id is not.
    let doc = add_entity(&doc, EntityKind::Vpc, A, R, vpc("vpc-2")).unwrap();
    let doc = update_entity(&doc, &at, vpc("vpc-3")).unwrap();
    assert!(matches!(
        update_entity(&doc, &at, vpc("vpc-2")),
        Err(EditError::Duplicate { .. })
    ));
}

#[test]
fn updating_or_deleting_where_no_entity_is_says_where() {
    let doc = add_entity(&new_model(), EntityKind::Vpc, A, R, vpc("vpc-1")).unwrap();
    let missing = path("$.Accounts[0].Regions[0].Vpcs[5]");
    assert_eq!(
        update_entity(&doc, &missing, vpc("vpc-9"))
            .unwrap_err()
            .to_string(),
        "$.Accounts[0].Regions[0].Vpcs[5]: there is nothing there to edit"
    );
    assert!(matches!(
        delete_entity(&doc, &missing),
        Err(EditError::NoSuchEntity { .. })
    ));
    let not_an_entity = path("$.Accounts[0].Regions[0]");
    assert!(matches!(
        delete_entity(&doc, &not_an_entity),
        Err(EditError::NotAnEntityPath { .. })
    ));
    assert!(matches!(
        update_entity(&doc, &path("$.Format"), json!({})),
        Err(EditError::NotAnEntityPath { .. })
    ));
}

#[test]
fn deleting_removes_only_that_entity() {
    let doc = add_entity(&new_model(), EntityKind::Vpc, A, R, vpc("vpc-1")).unwrap();
    let doc = add_entity(&doc, EntityKind::Vpc, A, R, vpc("vpc-2")).unwrap();
    let doc = delete_entity(&doc, &path("$.Accounts[0].Regions[0].Vpcs[0]")).unwrap();
    assert_eq!(
        doc["Accounts"][0]["Regions"][0]["Vpcs"],
        json!([vpc("vpc-2")])
    );
    let doc = add_entity(&doc, EntityKind::Organization, A, R, json!({"Id": "o-x"})).unwrap();
    let doc = delete_entity(&doc, &path("$.Organization")).unwrap();
    assert!(doc.get("Organization").is_none());
}

#[test]
fn operations_never_change_their_input() {
    let doc = add_entity(&new_model(), EntityKind::Vpc, A, R, vpc("vpc-1")).unwrap();
    let before = doc.clone();
    let at = path("$.Accounts[0].Regions[0].Vpcs[0]");
    let _ = add_entity(&doc, EntityKind::Vpc, A, R, vpc("vpc-2"));
    let _ = update_entity(&doc, &at, vpc("vpc-3"));
    let _ = delete_entity(&doc, &at);
    assert_eq!(doc, before);
}

#[test]
fn listing_names_every_entity_with_its_place() {
    let doc = add_entity(&new_model(), EntityKind::Vpc, A, R, vpc("vpc-1")).unwrap();
    let doc = add_entity(&doc, EntityKind::Secret, A, R, secret()).unwrap();
    let doc = add_entity(
        &doc,
        EntityKind::Check,
        A,
        R,
        json!({"Name": "c", "Query": {}}),
    )
    .unwrap();
    let listed: Vec<(EntityKind, Option<String>, String)> = list_entities(&doc)
        .into_iter()
        .map(|e| (e.kind, e.id, e.path.to_string()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                EntityKind::Account,
                Some(A.to_owned()),
                "$.Accounts[0]".to_owned()
            ),
            (
                EntityKind::Secret,
                Some(SECRET_ARN.to_owned()),
                "$.Accounts[0].Regions[0].Secrets[0]".to_owned()
            ),
            (
                EntityKind::Vpc,
                Some("vpc-1".to_owned()),
                "$.Accounts[0].Regions[0].Vpcs[0]".to_owned()
            ),
            (
                EntityKind::Check,
                Some("c".to_owned()),
                "$.Checks[0]".to_owned()
            ),
        ]
    );
}

// ---- undo / redo ----

fn docs(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"n": i})).collect()
}

#[test]
fn apply_then_undo_restores_the_document() {
    let [a, b] = [json!({"n": 0}), json!({"n": 1})];
    let mut h = History::new(a.clone());
    assert!(!h.can_undo());
    assert!(h.apply(b.clone()));
    assert_eq!(h.present(), &b);
    assert_eq!(h.undo(), Some(&a));
    assert_eq!(h.present(), &a);
    assert!(!h.can_undo());
    assert_eq!(h.undo(), None);
}

#[test]
fn undo_then_redo_restores_the_document() {
    let d = docs(3);
    let mut h = History::new(d[0].clone());
    h.apply(d[1].clone());
    h.apply(d[2].clone());
    h.undo();
    h.undo();
    assert!(h.can_redo());
    assert_eq!(h.redo(), Some(&d[1]));
    assert_eq!(h.redo(), Some(&d[2]));
    assert_eq!(h.redo(), None);
    assert!(!h.can_redo());
}

#[test]
fn a_new_edit_after_undo_clears_redo() {
    let d = docs(3);
    let mut h = History::new(d[0].clone());
    h.apply(d[1].clone());
    h.undo();
    h.apply(d[2].clone());
    assert!(!h.can_redo());
    assert_eq!(h.undo(), Some(&d[0]));
}

#[test]
fn an_edit_that_changes_nothing_records_nothing() {
    let mut h = History::new(json!({"n": 0}));
    assert!(!h.apply(json!({"n": 0})));
    assert!(!h.can_undo());
}

#[test]
fn history_is_bounded() {
    let d = docs(10);
    let mut h = History::with_limit(d[0].clone(), 3);
    for doc in &d[1..] {
        h.apply(doc.clone());
    }
    assert_eq!(h.undo_depth(), 3);
    h.undo();
    h.undo();
    assert_eq!(h.undo(), Some(&d[6]));
    assert_eq!(h.undo(), None);
}

proptest! {
    /// Any sequence of edits, undos and redos: undo after apply gives back the old present,
    /// redo after undo gives back the undone one, depths stay within the limit.
    #[test]
    fn history_laws_hold_for_any_sequence(ops in prop::collection::vec(0u8..3, 0..60), limit in 1usize..8) {
        let mut h = History::with_limit(0u32, limit);
        let mut next = 1u32;
        for op in ops {
            let before = *h.present();
            match op {
                0 => {
                    h.apply(next);
                    next += 1;
                    prop_assert!(!h.can_redo());
                    prop_assert_eq!(h.undo().copied(), Some(before));
                    h.redo();
                }
                1 => {
                    if h.undo().is_some() {
                        prop_assert_eq!(h.redo().copied(), Some(before));
                        h.undo();
                    }
                }
                _ => {
                    if h.redo().is_some() {
                        prop_assert_eq!(h.undo().copied(), Some(before));
                        h.redo();
                    }
                }
            }
            prop_assert!(h.undo_depth() <= limit);
        }
    }
}

// ---- share links ----

fn example_model() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/examples/quickstart.json"
    ))
    .unwrap()
}

#[test]
fn a_share_link_round_trips_the_model() {
    let text = example_model();
    let fragment = encode(&text).unwrap();
    assert!(fragment.starts_with("#model="));
    let back = decode(&fragment).unwrap();
    let original: Value = serde_json::from_str(&text).unwrap();
    let decoded: Value = serde_json::from_str(&back).unwrap();
    assert_eq!(decoded, original);
    // Without the `#`, and among other parameters, too.
    let bare = fragment.trim_start_matches('#');
    assert_eq!(decode(bare).unwrap(), back);
    assert_eq!(decode(&format!("#view=graph&{bare}")).unwrap(), back);
}

#[test]
fn a_share_link_never_carries_a_secret_value() {
    let mut model = add_entity(&new_model(), EntityKind::Secret, A, R, secret()).unwrap();
    model["Accounts"][0]["Regions"][0]["Secrets"][0]["SecretString"] = json!("hunter2-EXAMPLE");
    model["Accounts"][0]["Regions"][0]["Parameters"] =
        json!([{"Name": "p", "Type": "SecureString", "Value": "s3cr3t-EXAMPLE"}]);
    let fragment = encode(&model.to_string()).unwrap();
    // Inflate the link's bytes by hand: the values are not in there at all.
    let payload = fragment.strip_prefix("#model=").unwrap();
    let raw =
        miniz_oxide::inflate::decompress_to_vec(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    assert!(!raw.contains("hunter2") && !raw.contains("s3cr3t"));
    assert!(raw.contains("prod/db"));
}

/// A model whose text does not compress: `n` pseudo-random names.
fn incompressible_model(n: usize) -> String {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let checks: Vec<Value> = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            json!({"Name": format!("{state:016x}{:016x}", state.rotate_left(29))})
        })
        .collect();
    json!({"Format": "secretpath/1", "Accounts": [], "Checks": checks}).to_string()
}

#[test]
fn a_model_too_large_for_a_link_is_refused_with_a_clear_message() {
    let err = encode(&incompressible_model(4000)).unwrap_err();
    let ShareError::TooLarge { chars, limit } = err.clone() else {
        panic!("{err:?}");
    };
    assert!(chars > limit && limit == MAX_FRAGMENT_CHARS);
    assert!(err.to_string().contains("export the model file"), "{err}");
    assert!(encode(&incompressible_model(100)).is_ok());
}

#[test]
fn a_garbage_fragment_is_rejected_with_a_clear_message() {
    assert_eq!(decode(""), Err(ShareError::NoModel));
    assert_eq!(decode("#view=graph"), Err(ShareError::NoModel));
    let not_base64 = decode("#model=!!!").unwrap_err();
    assert!(
        not_base64.to_string().contains("not base64url"),
        "{not_base64}"
    );
    let not_deflate = decode(&format!(
        "#model={}",
        URL_SAFE_NO_PAD.encode(b"hello world")
    ))
    .unwrap_err();
    assert!(
        not_deflate.to_string().contains("does not decompress"),
        "{not_deflate}"
    );
    let not_json = miniz_oxide::deflate::compress_to_vec(b"{not json", 6);
    let not_json = decode(&format!("#model={}", URL_SAFE_NO_PAD.encode(not_json))).unwrap_err();
    assert!(
        not_json.to_string().contains("does not hold JSON"),
        "{not_json}"
    );
    let cut = encode(&example_model()).unwrap();
    let cut = &cut[..cut.len() / 2];
    assert!(matches!(decode(cut), Err(ShareError::Damaged(_))));
    assert!(matches!(encode("{oops"), Err(ShareError::NotJson(_))));
}

proptest! {
    #[test]
    fn decoding_arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = decode(&text);
    }

    #[test]
    fn decoding_arbitrary_base64_never_panics(payload in "[A-Za-z0-9_-]{0,400}") {
        let _ = decode(&format!("#model={payload}"));
    }

    #[test]
    fn paths_never_panic_and_read_back(text in "\\$[.\\[\\]\"a-z0-9]{0,30}") {
        if let Ok(p) = text.parse::<EntityPath>() {
            prop_assert_eq!(p.to_string().parse::<EntityPath>(), Ok(p));
        }
    }
}
