//! The graph index, its layout and the path view, checked over every model file the project
//! has (`tests/scenarios/**/*.json`, `public/examples/*.json`) and on one hand-checked model
//! (`tests/scenarios/model/realistic_account_loads_cleanly.json`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use secretpath::engine::checks::run_model_checks;
use secretpath::engine::flows::EvalOptions;
use secretpath::engine::graph::{
    layout, path_view, GraphIndex, Layout, LayoutOptions, NodeId, NodeKind, Rect, Relation, Touch,
};
use secretpath::engine::model::{load_model_value, Model};
use serde_json::{json, Value};

// ---- fixtures ----

fn json_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            json_files_under(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// The model document of a file: the file itself, or its `Model` (model-loading scenarios
/// wrap the model with its expected errors).
fn model_document(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let doc: Value = serde_json::from_str(&text).ok()?;
    if doc.get("Format").is_some() {
        Some(doc)
    } else {
        doc.get("Model").cloned()
    }
}

/// Every model document that loads, by file name.
fn model_documents() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    json_files_under(&root.join("tests/scenarios"), &mut files);
    json_files_under(&root.join("public/examples"), &mut files);
    let docs: Vec<(String, Value)> = files
        .iter()
        .filter_map(|p| {
            let doc = model_document(p)?;
            load_model_value(&doc).ok()?;
            let name = p.strip_prefix(root).unwrap_or(p).display().to_string();
            Some((name, doc))
        })
        .collect();
    assert!(
        docs.len() >= 20,
        "expected the scenario models to load, found {}",
        docs.len()
    );
    docs
}

fn load(doc: &Value) -> Model {
    load_model_value(doc).unwrap().model
}

fn models() -> Vec<(String, Model)> {
    model_documents()
        .into_iter()
        .map(|(name, doc)| {
            let model = load(&doc);
            (name, model)
        })
        .collect()
}

fn realistic() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/model/realistic_account_loads_cleanly.json");
    load(&model_document(&path).unwrap())
}

fn node<'g>(index: &'g GraphIndex, id: &str) -> &'g NodeId {
    index
        .node(id)
        .unwrap_or_else(|| panic!("no node for `{id}`"))
}

fn related(index: &GraphIndex, from: &str, relation: Relation) -> Vec<String> {
    index
        .related(node(index, from), relation)
        .into_iter()
        .map(|n| n.as_str().to_owned())
        .collect()
}

const ACCOUNT: &str = "111122223333";
const DB_SECRET: &str = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
const MASTER_SECRET: &str =
    "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-master-QrStUv";
const CUSTOMER_KEY: &str =
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const APP_ROLE: &str = "arn:aws:iam::111122223333:role/app-instance";
const ROTATION_ROLE: &str = "arn:aws:iam::111122223333:role/service-role/rotation-lambda";
const ROTATION_FUNCTION: &str = "arn:aws:lambda:us-east-1:111122223333:function:prod-db-rotation";
const PRIVATE_SUBNET: &str = "subnet-0private1EXAMPLE";
const PUBLIC_SUBNET: &str = "subnet-0public1EXAMPLE";

// ---- the index ----

#[test]
fn every_model_builds_and_verifies() {
    for (name, model) in models() {
        let index = GraphIndex::build(&model);
        if let Err(problems) = index.verify(&model) {
            panic!("{name}: index and model disagree:\n{}", problems.join("\n"));
        }
    }
}

#[test]
fn building_twice_gives_the_same_index() {
    for (name, model) in models() {
        let (a, b) = (GraphIndex::build(&model), GraphIndex::build(&model));
        assert!(a.nodes().eq(b.nodes()), "{name}: nodes differ");
        assert!(a.edges().eq(b.edges()), "{name}: edges differ");
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn an_empty_model_draws_an_empty_layout() {
    let model = load(&json!({"Format": "secretpath/1", "Accounts": []}));
    let index = GraphIndex::build(&model);
    assert_eq!(index.node_count(), 0);
    index.verify(&model).unwrap();
    let drawn = layout(&index, &LayoutOptions::default());
    assert!(drawn.nodes.is_empty() && drawn.containers.is_empty() && drawn.edges.is_empty());
    assert!(drawn.width > 0.0 && drawn.height > 0.0);
}

#[test]
fn verify_reports_an_entity_the_index_does_not_have() {
    let model = realistic();
    let index = GraphIndex::build(&model);
    let mut grown = model.clone();
    let mut extra = grown.accounts[0].regions[0].secrets[0].clone();
    extra.arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:extra-ZzZzZz"
        .parse()
        .unwrap();
    grown.accounts[0].regions[0].secrets.push(extra);
    let problems = index.verify(&grown).unwrap_err();
    assert!(
        problems.iter().any(|p| p.contains("extra-ZzZzZz")),
        "{problems:?}"
    );
    let shrunk_problems = GraphIndex::build(&grown).verify(&model).unwrap_err();
    assert!(
        shrunk_problems
            .iter()
            .any(|p| p.contains("extra-ZzZzZz") && p.contains("not in the model")),
        "{shrunk_problems:?}"
    );
}

#[test]
fn a_secret_without_kms_key_id_encrypts_with_the_aws_managed_key() {
    let index = GraphIndex::build(&realistic());
    let keys = related(&index, MASTER_SECRET, Relation::EncryptsWith);
    assert_eq!(keys.len(), 1, "{keys:?}");
    let key = node(&index, &keys[0]);
    assert_eq!(key.kind(), NodeKind::Key);
    assert_eq!(index.label(key), Some("alias/aws/secretsmanager"));
    // The alias ARN a verdict names resolves to the same node.
    assert_eq!(
        index.node("arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager"),
        Some(key)
    );
}

#[test]
fn a_secret_encrypts_with_the_key_its_kms_key_id_names() {
    let index = GraphIndex::build(&realistic());
    assert_eq!(
        related(&index, DB_SECRET, Relation::EncryptsWith),
        vec![CUSTOMER_KEY]
    );
}

#[test]
fn an_aws_managed_key_is_drawn_only_where_something_uses_it() {
    let index = GraphIndex::build(&realistic());
    let api_key = "arn:aws:ssm:us-east-1:111122223333:parameter/prod/api-key";
    let ssm_key = node(&index, "arn:aws:kms:us-east-1:111122223333:alias/aws/ssm");
    assert_eq!(
        related(&index, api_key, Relation::EncryptsWith),
        vec![ssm_key.as_str()]
    );
    // A plain String parameter has no key.
    assert!(related(
        &index,
        "arn:aws:ssm:us-east-1:111122223333:parameter/feature-flags",
        Relation::EncryptsWith
    )
    .is_empty());
    // S14's model has secrets but no parameters: aws/secretsmanager is drawn, aws/ssm is not.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/rules/s14_aws_managed_key_cannot_be_used_cross_account.json");
    let s14 = GraphIndex::build(&load(&model_document(&path).unwrap()));
    assert!(s14
        .node("arn:aws:kms:us-east-1:111111111111:alias/aws/secretsmanager")
        .is_some());
    assert!(s14
        .node("arn:aws:kms:us-east-1:111111111111:alias/aws/ssm")
        .is_none());
}

#[test]
fn a_function_runs_as_its_role() {
    let index = GraphIndex::build(&realistic());
    assert_eq!(
        related(&index, ROTATION_FUNCTION, Relation::RunsAs),
        vec![ROTATION_ROLE]
    );
}

#[test]
fn an_instance_runs_as_the_role_of_its_instance_profile() {
    let index = GraphIndex::build(&realistic());
    assert_eq!(
        related(&index, "i-0app00000000000001", Relation::RunsAs),
        vec![APP_ROLE]
    );
}

#[test]
fn an_instance_is_in_its_subnet_and_drawn_there() {
    let index = GraphIndex::build(&realistic());
    let instance = node(&index, "i-0app00000000000001");
    assert_eq!(
        related(&index, instance.as_str(), Relation::InSubnet),
        vec![PRIVATE_SUBNET]
    );
    assert_eq!(
        index.container_of(instance).map(NodeId::as_str),
        Some(PRIVATE_SUBNET)
    );
    let chain: Vec<&str> = index
        .containers_of(instance)
        .into_iter()
        .map(NodeId::as_str)
        .collect();
    assert_eq!(
        chain,
        vec![PRIVATE_SUBNET, "vpc-0a60eb65b4EXAMPLE", ACCOUNT]
    );
}

#[test]
fn an_endpoint_serves_its_subnets_and_is_drawn_in_its_vpc() {
    let index = GraphIndex::build(&realistic());
    assert_eq!(
        related(&index, "vpce-0sm00000000000001", Relation::Serves),
        vec![PRIVATE_SUBNET]
    );
    assert_eq!(
        index
            .container_of(node(&index, "vpce-0sm00000000000001"))
            .map(NodeId::as_str),
        Some("vpc-0a60eb65b4EXAMPLE")
    );
}

#[test]
fn a_subnet_routes_via_the_targets_of_its_route_table() {
    let index = GraphIndex::build(&realistic());
    // The private subnet uses the main table: NAT gateway and the S3 gateway endpoint.
    assert_eq!(
        related(&index, PRIVATE_SUBNET, Relation::UsesRouteTable),
        vec!["rtb-0main00000EXAMPLE"]
    );
    assert_eq!(
        related(&index, PRIVATE_SUBNET, Relation::RoutesVia),
        vec!["vpce-0s3gateway0000001", "nat-05dba92075EXAMPLE"]
    );
    assert_eq!(
        related(&index, PUBLIC_SUBNET, Relation::RoutesVia),
        vec!["igw-0c0a3a5fEXAMPLE"]
    );
    assert_eq!(
        related(&index, PUBLIC_SUBNET, Relation::UsesNetworkAcl),
        vec!["acl-0default000EXAMPLE"]
    );
}

#[test]
fn security_groups_protect_what_is_in_them() {
    let index = GraphIndex::build(&realistic());
    assert_eq!(
        related(&index, "i-0app00000000000001", Relation::ProtectedBy),
        vec!["sg-0app000000EXAMPLE"]
    );
    assert_eq!(
        related(&index, ROTATION_FUNCTION, Relation::ProtectedBy),
        vec!["sg-0lambda0000EXAMPLE"]
    );
}

#[test]
fn rotation_relations_follow_the_secret_structure() {
    let index = GraphIndex::build(&realistic());
    assert_eq!(
        related(&index, DB_SECRET, Relation::RotatedBy),
        vec![ROTATION_FUNCTION]
    );
    assert_eq!(
        related(&index, DB_SECRET, Relation::RotationTargets),
        vec!["arn:aws:rds:us-east-1:111122223333:db:prod-db"]
    );
    assert_eq!(
        related(&index, DB_SECRET, Relation::MasterSecret),
        vec![MASTER_SECRET]
    );
}

#[test]
fn a_role_may_read_the_secrets_its_identity_policies_name() {
    let index = GraphIndex::build(&realistic());
    // AppReadSecrets allows GetSecretValue on `*`.
    assert_eq!(
        related(&index, APP_ROLE, Relation::MayRead),
        vec![DB_SECRET, MASTER_SECRET]
    );
    // `prod/db-??????` matches prod/db's six-character suffix, not `prod/db-master-QrStUv`.
    assert_eq!(
        related(&index, ROTATION_ROLE, Relation::MayRead),
        vec![DB_SECRET]
    );
}

#[test]
fn a_user_may_read_through_its_groups_policies() {
    let index = GraphIndex::build(&realistic());
    // alice's admins group has AdministratorAccess (`*` on `*`): every secret and parameter.
    assert_eq!(
        related(
            &index,
            "arn:aws:iam::111122223333:user/alice",
            Relation::MayRead
        ),
        vec![
            DB_SECRET,
            MASTER_SECRET,
            "arn:aws:ssm:us-east-1:111122223333:parameter/feature-flags",
            "arn:aws:ssm:us-east-1:111122223333:parameter/prod/api-key",
        ]
    );
    assert_eq!(
        related(
            &index,
            "arn:aws:iam::111122223333:user/alice",
            Relation::MemberOf
        ),
        vec!["arn:aws:iam::111122223333:group/admins"]
    );
}

#[test]
fn lookup_accepts_the_names_verdicts_use() {
    let index = GraphIndex::build(&realistic());
    let secret = node(&index, DB_SECRET);
    assert_eq!(
        index.node("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db"),
        Some(secret),
        "partial ARN"
    );
    assert_eq!(
        index.node("arn:aws:sts::111122223333:assumed-role/app-instance/i-0app00000000000001"),
        Some(node(&index, APP_ROLE)),
        "assumed-role session ARN"
    );
    assert_eq!(
        index.node("arn:aws:iam::111122223333:root"),
        Some(node(&index, ACCOUNT))
    );
    assert_eq!(
        index.node(&format!("{ROTATION_FUNCTION}:$LATEST")),
        Some(node(&index, ROTATION_FUNCTION)),
        "qualified function ARN"
    );
    assert_eq!(
        index.node("1234abcd-12ab-34cd-56ef-1234567890ab"),
        Some(node(&index, CUSTOMER_KEY)),
        "key id"
    );
    assert_eq!(index.node("vpc-nope"), None);
}

#[test]
fn neighbours_list_both_directions_with_their_relation() {
    let index = GraphIndex::build(&realistic());
    let role = node(&index, ROTATION_ROLE);
    let neighbours = index.neighbours(role);
    assert!(neighbours.iter().any(|n| n.relation == Relation::RunsAs
        && n.towards == secretpath::engine::graph::Towards::Incoming
        && n.node.as_str() == ROTATION_FUNCTION));
    assert!(neighbours.iter().any(|n| n.relation == Relation::InAccount
        && n.towards == secretpath::engine::graph::Towards::Outgoing
        && n.node.as_str() == ACCOUNT));
    let mut sorted = neighbours.clone();
    sorted.sort();
    assert_eq!(neighbours, sorted);
}

#[test]
fn search_matches_names_and_ids_ignoring_case() {
    let index = GraphIndex::build(&realistic());
    let by_name: Vec<&str> = index
        .search("PROD/DB")
        .into_iter()
        .map(NodeId::as_str)
        .collect();
    assert!(by_name.contains(&DB_SECRET) && by_name.contains(&MASTER_SECRET));
    let by_tag: Vec<&str> = index
        .search("app-1")
        .into_iter()
        .map(NodeId::as_str)
        .collect();
    assert_eq!(by_tag, vec!["i-0app00000000000001"], "Name tag");
    assert!(index.search("  ").is_empty());
}

#[test]
fn filters_by_kind_and_by_account() {
    let index = GraphIndex::build(&realistic());
    let subnets: Vec<&str> = index
        .of_kind(NodeKind::Subnet)
        .into_iter()
        .map(NodeId::as_str)
        .collect();
    assert_eq!(subnets, vec![PRIVATE_SUBNET, PUBLIC_SUBNET]);
    let owned = index.in_account(ACCOUNT);
    assert_eq!(owned.len() + 1, index.node_count(), "one account owns all");
    assert!(index.in_account("999999999999").is_empty());
}

#[test]
fn every_edge_joins_kinds_its_relation_allows_and_is_displayed_in_kebab_case() {
    for relation in Relation::ALL {
        let text = relation.to_string();
        assert!(
            text.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{text}"
        );
    }
    let index = GraphIndex::build(&realistic());
    let used: BTreeSet<Relation> = index.edges().map(|e| e.relation).collect();
    for relation in [
        Relation::InAccount,
        Relation::InVpc,
        Relation::InSubnet,
        Relation::MemberOf,
        Relation::EncryptsWith,
        Relation::RunsAs,
        Relation::MayRead,
        Relation::RotatedBy,
        Relation::RotationTargets,
        Relation::MasterSecret,
        Relation::Serves,
        Relation::UsesRouteTable,
        Relation::UsesNetworkAcl,
        Relation::RoutesVia,
        Relation::ProtectedBy,
    ] {
        assert!(
            used.contains(&relation),
            "the realistic model has no {relation} edge"
        );
    }
}

// ---- the layout ----

fn rect_of(layout: &Layout, id: &NodeId) -> Rect {
    layout
        .rect_of(id)
        .unwrap_or_else(|| panic!("`{id}` is not drawn"))
}

fn positions(layout: &Layout) -> BTreeMap<NodeId, (f32, f32)> {
    layout
        .nodes
        .iter()
        .map(|n| (n.id.clone(), (n.x, n.y)))
        .collect()
}

#[test]
fn layout_is_deterministic() {
    for (name, model) in models() {
        let options = LayoutOptions::default();
        let a = layout(&GraphIndex::build(&model), &options);
        let b = layout(&GraphIndex::build(&model), &options);
        assert_eq!(a, b, "{name}");
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn every_node_is_drawn_once_as_a_node_or_a_box() {
    for (name, model) in models() {
        let index = GraphIndex::build(&model);
        let drawn = layout(&index, &LayoutOptions::default());
        let mut seen = BTreeSet::new();
        for id in drawn
            .nodes
            .iter()
            .map(|n| &n.id)
            .chain(drawn.containers.iter().map(|c| &c.id))
        {
            assert!(seen.insert(id.clone()), "{name}: `{id}` drawn twice");
        }
        let all: BTreeSet<NodeId> = index.nodes().cloned().collect();
        assert_eq!(seen, all, "{name}");
        for c in &drawn.containers {
            assert!(c.kind.is_container(), "{name}: `{}` drawn as a box", c.id);
        }
    }
}

#[test]
fn node_boxes_never_overlap() {
    for (name, model) in models() {
        let drawn = layout(&GraphIndex::build(&model), &LayoutOptions::default());
        for (i, a) in drawn.nodes.iter().enumerate() {
            for b in drawn.nodes.iter().skip(i + 1) {
                let (ra, rb) = (Rect::new(a.x, a.y, a.w, a.h), Rect::new(b.x, b.y, b.w, b.h));
                assert!(!ra.overlaps(&rb), "{name}: `{}` overlaps `{}`", a.id, b.id);
            }
        }
    }
}

#[test]
fn sibling_boxes_never_overlap_and_column_headers_do_not_cover_nodes() {
    for (name, model) in models() {
        let index = GraphIndex::build(&model);
        let drawn = layout(&index, &LayoutOptions::default());
        for (i, a) in drawn.containers.iter().enumerate() {
            for b in drawn.containers.iter().skip(i + 1) {
                let (ra, rb) = (rect_of(&drawn, &a.id), rect_of(&drawn, &b.id));
                if ra.overlaps(&rb) {
                    assert!(
                        ra.contains(&rb) || rb.contains(&ra),
                        "{name}: boxes `{}` and `{}` cross",
                        a.id,
                        b.id
                    );
                }
            }
        }
        for h in &drawn.columns {
            let header = Rect::new(h.x, h.y, h.w, h.h);
            for n in &drawn.nodes {
                assert!(!header.overlaps(&Rect::new(n.x, n.y, n.w, n.h)), "{name}");
            }
        }
    }
}

#[test]
fn every_node_lies_inside_its_container_box() {
    for (name, model) in models() {
        let index = GraphIndex::build(&model);
        let drawn = layout(&index, &LayoutOptions::default());
        let whole = Rect::new(0.0, 0.0, drawn.width, drawn.height);
        for id in index.nodes() {
            let rect = rect_of(&drawn, id);
            assert!(whole.contains(&rect), "{name}: `{id}` is off the drawing");
            if let Some(container) = index.container_of(id) {
                assert!(
                    rect_of(&drawn, container).contains(&rect),
                    "{name}: `{id}` is outside `{container}`"
                );
            }
        }
    }
}

#[test]
fn edges_run_between_their_boxes() {
    for (name, model) in models() {
        let index = GraphIndex::build(&model);
        let drawn = layout(&index, &LayoutOptions::default());
        let drawable = index
            .edges()
            .filter(|e| !e.relation.is_containment())
            .count();
        assert_eq!(drawn.edges.len(), drawable, "{name}");
        for e in &drawn.edges {
            assert!(!e.relation.is_containment());
            let (from, to) = (rect_of(&drawn, &e.from), rect_of(&drawn, &e.to));
            let (first, last) = (e.points[0], *e.points.last().unwrap());
            assert!(first.0 == from.x || first.0 == from.x + from.w, "{name}");
            assert!(last.0 == to.x || last.0 == to.x + to.w, "{name}");
            assert_eq!(first.1, from.y + from.h / 2.0);
            assert_eq!(last.1, to.y + to.h / 2.0);
        }
    }
}

// ---- stability ----

/// The model with one more secret in the first region of account `account`, encrypted with the
/// same key reference as the region's first secret (so no key appears or disappears).
fn with_extra_secret(doc: &Value, account: usize, name: &str) -> Option<Value> {
    let mut doc = doc.clone();
    let acct = doc["Accounts"].get_mut(account)?;
    let account_id = acct["AccountId"].as_str()?.to_owned();
    let region_doc = acct["Regions"].get_mut(0)?;
    let region = region_doc["Region"].as_str()?.to_owned();
    let mut secret = json!({
        "ARN": format!("arn:aws:secretsmanager:{region}:{account_id}:secret:{name}-AbCdEf"),
        "Name": name,
    });
    if let Some(key) = region_doc["Secrets"]
        .get(0)
        .and_then(|s| s.get("KmsKeyId"))
        .cloned()
    {
        secret["KmsKeyId"] = key;
    }
    match region_doc.get_mut("Secrets").and_then(Value::as_array_mut) {
        Some(list) => list.push(secret),
        None => region_doc["Secrets"] = json!([secret]),
    }
    Some(doc)
}

fn account_count(doc: &Value) -> usize {
    doc["Accounts"].as_array().map_or(0, Vec::len)
}

/// Names that sort before, among and after ordinary secret names.
const EXTRA_SECRET_NAMES: [&str; 3] = ["!first", "prod/db-extra", "~last"];

#[test]
fn adding_a_secret_moves_only_the_later_secrets_of_its_column() {
    let options = LayoutOptions::default();
    let slot = options.node_height + options.gap;
    let mut cases = 0;
    for (name, doc) in model_documents() {
        let model = load(&doc);
        let before_index = GraphIndex::build(&model);
        let before = layout(&before_index, &options);
        for account in 0..account_count(&doc) {
            let account_id = model.accounts[account].id.to_string();
            let has_secrets = before_index
                .in_account(&account_id)
                .iter()
                .any(|n| n.kind() == NodeKind::Secret);
            if !has_secrets {
                continue;
            }
            for extra in EXTRA_SECRET_NAMES {
                let Some(grown) = with_extra_secret(&doc, account, extra) else {
                    continue;
                };
                let grown = load(&grown);
                let after_index = GraphIndex::build(&grown);
                let after = layout(&after_index, &options);
                let new = after_index
                    .search(&format!("secret:{extra}-AbCdEf"))
                    .into_iter()
                    .next()
                    .unwrap()
                    .clone();
                let new_y = positions(&after)[&new].1;
                let moved_ok = |id: &NodeId| {
                    id.kind() == NodeKind::Secret
                        && before_index.account_of(id).map(NodeId::as_str)
                            == Some(account_id.as_str())
                        && *id > new
                };
                let after_positions = positions(&after);
                for (id, (x, y)) in positions(&before) {
                    let (ax, ay) = after_positions[&id];
                    if moved_ok(&id) {
                        assert_eq!((ax, ay), (x, y + slot), "{name} + {extra}: `{id}`");
                        assert!(ay > new_y);
                    } else {
                        assert_eq!((ax, ay), (x, y), "{name} + {extra}: `{id}` moved");
                    }
                }
                for (b, a) in before.containers.iter().zip(&after.containers) {
                    assert_eq!(b.id, a.id);
                    assert_eq!((b.x, b.y, b.w), (a.x, a.y, a.w), "{name}: box `{}`", b.id);
                    if b.id.as_str() != account_id {
                        assert_eq!(b.h, a.h, "{name}: box `{}` resized", b.id);
                    }
                }
                cases += 1;
            }
        }
    }
    assert!(cases >= 20, "only {cases} cases");
}

#[test]
fn adding_a_secret_moves_no_network_node() {
    let options = LayoutOptions::default();
    let mut cases = 0;
    for (name, doc) in model_documents() {
        let model = load(&doc);
        let before_index = GraphIndex::build(&model);
        let before = positions(&layout(&before_index, &options));
        for account in 0..account_count(&doc) {
            let Some(grown) = with_extra_secret(&doc, account, "zz/new") else {
                continue;
            };
            let after = positions(&layout(&GraphIndex::build(&load(&grown)), &options));
            let account_id = model.accounts[account].id.to_string();
            for (id, at) in &before {
                let in_network = before_index
                    .container_of(id)
                    .is_some_and(|c| c.kind() != NodeKind::Account);
                let same_account =
                    before_index.account_of(id).map(NodeId::as_str) == Some(account_id.as_str());
                let account_to_the_left = before_index
                    .account_of(id)
                    .is_some_and(|a| a.as_str() < account_id.as_str());
                if (in_network && same_account) || account_to_the_left {
                    assert_eq!(after[id], *at, "{name}: `{id}` moved");
                }
            }
            cases += 1;
        }
    }
    assert!(cases >= 20, "only {cases} cases");
}

#[test]
fn adding_an_instance_to_a_subnet_moves_no_column_node() {
    let options = LayoutOptions::default();
    let mut cases = 0;
    for (name, doc) in model_documents() {
        let model = load(&doc);
        let before_index = GraphIndex::build(&model);
        let before = positions(&layout(&before_index, &options));
        for subnet in before_index.of_kind(NodeKind::Subnet) {
            let account_id = before_index.account_of(subnet).unwrap().as_str();
            let account = model
                .accounts
                .iter()
                .position(|a| a.id.as_str() == account_id)
                .unwrap();
            let mut grown = doc.clone();
            let region = grown["Accounts"][account]["Regions"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|r| {
                    r["Subnets"]
                        .as_array()
                        .is_some_and(|s| s.iter().any(|x| x["SubnetId"] == subnet.as_str()))
                })
                .unwrap();
            let instance = json!({"InstanceId": "i-0new", "SubnetId": subnet.as_str()});
            match region.get_mut("Instances").and_then(Value::as_array_mut) {
                Some(list) => list.push(instance),
                None => region["Instances"] = json!([instance]),
            }
            let after_index = GraphIndex::build(&load(&grown));
            let new = after_index.node("i-0new").unwrap();
            let after = positions(&layout(&after_index, &options));
            for (id, at) in &before {
                let in_column = before_index
                    .container_of(id)
                    .is_some_and(|c| c.kind() == NodeKind::Account);
                let in_same_subnet_before_it =
                    before_index.container_of(id) == Some(subnet) && id < new;
                if in_column || in_same_subnet_before_it {
                    assert_eq!(after[id], *at, "{name} + i-0new in {subnet}: `{id}` moved");
                }
            }
            cases += 1;
        }
    }
    assert!(cases >= 5, "only {cases} cases");
}

// ---- the path view ----

/// Every verdict of every check of every model, with its model's index.
fn verdicts() -> Vec<(
    String,
    GraphIndex,
    Vec<secretpath::engine::verdict::Verdict>,
)> {
    models()
        .into_iter()
        .filter(|(_, m)| !m.checks.is_empty())
        .map(|(name, model)| {
            let results = run_model_checks(&model, &EvalOptions::default()).unwrap();
            let index = GraphIndex::build(&model);
            (
                name,
                index,
                results.into_iter().map(|r| r.verdict).collect(),
            )
        })
        .collect()
}

#[test]
fn path_view_contains_every_blocker_component() {
    let mut blockers = 0;
    for (name, index, verdicts) in verdicts() {
        for verdict in &verdicts {
            let view = path_view(&index, verdict);
            for b in &verdict.blockers {
                blockers += 1;
                match index.node(&b.component) {
                    Some(node) => {
                        assert_eq!(view.touch_of(node), Some(Touch::Blocking), "{name}");
                        assert!(view.layout.rect_of(node).is_some(), "{name}: `{node}`");
                    }
                    None => assert!(view.unplaced.contains(&b.component), "{name}"),
                }
            }
        }
    }
    assert!(blockers >= 10, "only {blockers} blockers");
}

#[test]
fn path_view_draws_only_touched_nodes_and_the_boxes_around_them() {
    for (name, index, verdicts) in verdicts() {
        for verdict in &verdicts {
            let view = path_view(&index, verdict);
            let touched: BTreeSet<&NodeId> = view.touched.iter().map(|t| &t.id).collect();
            for n in &view.layout.nodes {
                assert!(touched.contains(&n.id), "{name}: `{}` not touched", n.id);
            }
            let needed: BTreeSet<&NodeId> = touched
                .iter()
                .flat_map(|t| std::iter::once(*t).chain(index.containers_of(t)))
                .collect();
            for c in &view.layout.containers {
                assert!(
                    needed.contains(&c.id),
                    "{name}: box `{}` holds nothing",
                    c.id
                );
            }
            for t in &touched {
                assert!(view.layout.rect_of(t).is_some(), "{name}: `{t}` not drawn");
            }
        }
    }
}

#[test]
fn path_view_marks_the_blocking_role_and_the_path_it_took() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "tests/scenarios/rotation/s31_function_in_a_vpc_needs_network_interface_permissions.json",
    );
    let model = load(&model_document(&path).unwrap());
    let index = GraphIndex::build(&model);
    let verdict = &run_model_checks(&model, &EvalOptions::default()).unwrap()[0].verdict;
    let view = path_view(&index, verdict);
    let touch = |id: &str| view.touch_of(node(&index, id));
    assert_eq!(
        touch("arn:aws:iam::111111111111:role/rotator"),
        Some(Touch::Blocking)
    );
    assert_eq!(
        touch("arn:aws:lambda:us-east-1:111111111111:function:rotate-db"),
        Some(Touch::OnPath)
    );
    assert_eq!(
        touch("arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf"),
        Some(Touch::OnPath)
    );
    assert!(view.unplaced.is_empty(), "{:?}", view.unplaced);
}

#[test]
fn path_view_of_an_unknown_scp_lists_it_as_unplaced() {
    let model = realistic();
    let index = GraphIndex::build(&model);
    let verdict = secretpath::engine::verdict::Verdict {
        decision: secretpath::engine::verdict::Decision::ExplicitlyDenied,
        blockers: vec![secretpath::engine::verdict::Blocker {
            layer: secretpath::engine::verdict::Layer::Scp,
            component: "p-denyall".to_owned(),
            code: secretpath::engine::verdict::BlockerCode::ExplicitDeny,
            statement: None,
            message: String::new(),
            location: None,
        }],
        steps: Vec::new(),
        version_stages_after: None,
        notes: Vec::new(),
    };
    let view = path_view(&index, &verdict);
    assert_eq!(view.unplaced, vec!["p-denyall"]);
    assert!(view.touched.is_empty());
    assert!(view.layout.nodes.is_empty() && view.layout.containers.is_empty());
}

/// Every check's verdict numbers the nodes its steps reach 1..=n, without gaps or repeats;
/// every node on the path has a number (a box — account, VPC, subnet — only when a network hop
/// names it), and a numbered node is drawn.
#[test]
fn hop_numbers_run_from_one_without_gaps_over_every_node_the_steps_reach() {
    let mut numbered = 0;
    for (name, index, verdicts) in verdicts() {
        for verdict in &verdicts {
            let view = path_view(&index, verdict);
            let hops: Vec<u32> = view.hops().iter().filter_map(|t| t.hop).collect();
            let expected: Vec<u32> = (1..=u32::try_from(hops.len()).unwrap()).collect();
            assert_eq!(hops, expected, "{name}");
            for t in &view.touched {
                if t.touch == Touch::OnPath && !t.kind.is_container() {
                    assert!(t.hop.is_some(), "{name}: `{}` on the path has no hop", t.id);
                }
            }
            numbered += hops.len();
        }
    }
    assert!(numbered >= 50, "only {numbered} numbered hops");
}

/// (scenario file, check index, the first hops in order), each id as the index names it.
const HOP_ORDERS: &[(&str, usize, &[&str])] = &[
    (
        // The caller, the secret it reads, the key that decrypts it (no box is a hop).
        "public/examples/quickstart.json",
        0,
        &[
            "arn:aws:iam::111111111111:role/app",
            "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf",
            "arn:aws:kms:us-east-1:111111111111:key/ade7375f-487f-4be6-858e-1a747abc4769",
        ],
    ),
    (
        // Rotation: the function the service invokes, the secret it rotates, the role it runs
        // as, then what its steps call, the network hops of the first one in order.
        "tests/scenarios/rotation/s31_function_in_a_vpc_needs_network_interface_permissions.json",
        0,
        &[
            "arn:aws:lambda:us-east-1:111111111111:function:rotate-db",
            "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf",
            "arn:aws:iam::111111111111:role/rotator",
            "vpce-sm",
            "rtb-1",
            "sg-fn",
            "sg-ep",
        ],
    ),
    (
        // The instance the call comes from, then the network leg hop by hop (the endpoint its
        // DNS name leads to, the route tables, the groups and ACLs), then the caller, the secret
        // and its key.
        "tests/scenarios/network/endpoint_sg_and_nacl_are_both_reported.json",
        0,
        &[
            "i-0app",
            "vpce-0sm",
            "rtb-0app",
            "rtb-0main",
            "sg-0app",
            "sg-0vpce",
            "acl-0app",
            "acl-0default",
            "arn:aws:iam::111111111111:role/app",
            "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf",
        ],
    ),
];

#[test]
fn hops_follow_the_request_from_its_origin_through_the_network_to_the_resource() {
    for (file, check, expected) in HOP_ORDERS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let model = load(&model_document(&path).unwrap());
        let index = GraphIndex::build(&model);
        let verdict = &run_model_checks(&model, &EvalOptions::default()).unwrap()[*check].verdict;
        let view = path_view(&index, verdict);
        let hops: Vec<&str> = view.hops().iter().map(|t| t.id.as_str()).collect();
        assert!(hops.starts_with(expected), "{file} check {check}: {hops:?}");
    }
}
