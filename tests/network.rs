//! Network-path scenarios (issue 3 §1). Each file under `tests/scenarios/network/` is an
//! ordinary model file (contract §1): its `Checks` run as `secretpath check` runs them, with the
//! exact blockers in `ExpectBlockers` (`[{"Layer", "Code", "Component"?}]`). As a further
//! extension, ignored by the loader, `DatabasePaths` checks the path from an origin to a DB
//! instance (what a rotation's setSecret needs, S33):
//! `[{"Name", "From": <origin>, "DBInstance": "<identifier>", "Expect": "Allowed" | "Failed",
//! "ExpectBlockers": […]}]`. One test per file, named after the rule it pins.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::collections::BTreeSet;
use std::path::Path;

use secretpath::engine::checks::run_checks;
use secretpath::engine::flows::origin::resolve_origin;
use secretpath::engine::model::load_model;
use secretpath::engine::net::path_to_database;
use secretpath::engine::query::parse_query;
use secretpath::engine::verdict::Blocker;
use serde_json::{json, Value};

fn read(name: &str) -> (String, Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/network")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = serde_json::from_str(&text).unwrap();
    (text, doc)
}

/// Run every check and every database path of one scenario file.
fn check(name: &str) {
    let (text, doc) = read(name);
    let run = run_checks(&text);
    assert!(
        run.errors.is_empty(),
        "{name}: model does not load: {:#?}",
        run.errors
    );
    let checks = doc["Checks"].as_array().cloned().unwrap_or_default();
    let db_paths = doc["DatabasePaths"].as_array().cloned().unwrap_or_default();
    assert!(
        !checks.is_empty() || !db_paths.is_empty(),
        "{name}: a scenario needs at least one check"
    );
    for (spec, result) in checks.iter().zip(&run.results) {
        let verdict_json = serde_json::to_string_pretty(&result.verdict).unwrap();
        assert!(
            result.holds,
            "{name} / {}: expected {:?}, got {}\n{verdict_json}",
            result.name, result.expect, result.verdict.decision
        );
        if let Some(expected) = spec.get("ExpectBlockers").and_then(Value::as_array) {
            assert_blockers(
                name,
                &result.name,
                expected,
                &result.verdict.blockers,
                &verdict_json,
            );
        }
    }
    if db_paths.is_empty() {
        return;
    }
    let model = load_model(&text).unwrap().model;
    for spec in &db_paths {
        let check_name = spec["Name"].as_str().unwrap_or("?");
        let query = parse_query(
            &json!({"GetSecretValue": {"SecretId": "x", "From": spec["From"]}}),
            "$",
        )
        .unwrap();
        let secretpath::engine::query::Query::GetSecretValue(q) = query else {
            unreachable!()
        };
        let origin = resolve_origin(&model, &q.call.from).unwrap();
        let placement = origin.placement.expect("a database path starts inside AWS");
        let wanted = spec["DBInstance"].as_str().unwrap();
        let (region, db) = model
            .accounts
            .iter()
            .flat_map(|a| a.regions.iter())
            .find_map(|r| {
                r.db_instances
                    .iter()
                    .find(|d| d.identifier == wanted)
                    .map(|d| (r, d))
            })
            .unwrap_or_else(|| panic!("{name}: no DB instance `{wanted}`"));
        let path = path_to_database(&placement, db, &region.region);
        let shown = json!({"Hops": path.hops, "Blockers": path.blockers, "Notes": path.notes});
        let shown = serde_json::to_string_pretty(&shown).unwrap();
        let expect_admitted = spec["Expect"].as_str() == Some("Allowed");
        assert_eq!(
            path.is_admitted(),
            expect_admitted,
            "{name} / {check_name}: admitted?\n{shown}"
        );
        if let Some(expected) = spec.get("ExpectBlockers").and_then(Value::as_array) {
            assert_blockers(name, check_name, expected, &path.blockers, &shown);
        }
    }
}

fn assert_blockers(name: &str, check: &str, expected: &[Value], got: &[Blocker], shown: &str) {
    let got: BTreeSet<String> = got
        .iter()
        .map(|b| blocker_key(&serde_json::to_value(b).unwrap(), expected))
        .collect();
    let want: BTreeSet<String> = expected.iter().map(|e| blocker_key(e, expected)).collect();
    assert_eq!(want, got, "{name} / {check}: blockers differ\n{shown}");
}

/// Layer and Code always; Component when any expected blocker names one.
fn blocker_key(b: &Value, expected: &[Value]) -> String {
    let mut key = format!(
        "{} {}",
        b["Layer"].as_str().unwrap_or(""),
        b["Code"].as_str().unwrap_or("")
    );
    if expected.iter().any(|e| e.get("Component").is_some()) {
        key.push_str(&format!(" {}", b["Component"].as_str().unwrap_or("")));
    }
    key
}

macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        $( #[test] fn $name() { check(stringify!($name)); } )*
        const LISTED: &[&str] = &[$(stringify!($name)),*];
    };
}

include!("scenarios/network.list");

#[test]
fn every_network_scenario_file_has_a_test() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/network");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            if !LISTED.contains(&stem.as_str()) {
                missing.push(stem);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to tests/scenarios/network.list: {missing:?}"
    );
}

/// The placement of an origin in a scenario file's model, and the model.
fn with_placement(
    name: &str,
    from: Value,
    test: impl FnOnce(&secretpath::engine::net::Placement<'_>, &secretpath::engine::ids::Region),
) {
    let (text, _) = read(name);
    let model = load_model(&text).unwrap().model;
    let query = parse_query(
        &json!({"GetSecretValue": {"SecretId": "x", "From": from}}),
        "$",
    )
    .unwrap();
    let secretpath::engine::query::Query::GetSecretValue(q) = query else {
        unreachable!()
    };
    let placement = resolve_origin(&model, &q.call.from)
        .unwrap()
        .placement
        .unwrap();
    let region = placement.region.region.clone();
    test(&placement, &region);
}

#[test]
fn endpoint_specific_dns_name_works_without_private_dns() {
    use secretpath::engine::net::{path_to_service_with, ServiceAddressing, Via};
    with_placement(
        "endpoint_specific_dns_name_needs_no_private_dns",
        json!({"Instance": "i-0app"}),
        |placement, region| {
            let addressing = ServiceAddressing::EndpointDns("vpce-0sm".parse().unwrap());
            let path = path_to_service_with(placement, "secretsmanager", region, &addressing);
            assert!(path.blockers.is_empty(), "{:#?}", path.blockers);
            assert_eq!(
                path.via,
                Via::Endpoint {
                    vpce: "vpce-0sm".to_owned(),
                    vpc: "vpc-0a1".to_owned(),
                    vpc_source_ip: Some("10.0.1.10".parse().unwrap()),
                    account: placement.account.id.to_string(),
                    region: placement.region.region.to_string(),
                }
            );
            let wrong = ServiceAddressing::EndpointDns("vpce-0nothere".parse().unwrap());
            let path = path_to_service_with(placement, "secretsmanager", region, &wrong);
            assert_eq!(
                path.blockers.first().map(|b| b.code.as_str()),
                Some("ENDPOINT_UNAVAILABLE")
            );
        },
    );
}

#[test]
fn via_names_the_nat_gateway_address_and_every_hop_is_explained() {
    use secretpath::engine::net::{path_to_service, Via};
    with_placement(
        "instance_in_private_subnet_reaches_secrets_manager_through_nat",
        json!({"Instance": "i-0app"}),
        |placement, region| {
            let path = path_to_service(placement, "secretsmanager", region);
            assert_eq!(
                path.via,
                Via::Internet {
                    source_ip: Some("203.0.113.10".parse().unwrap())
                }
            );
            let kinds: Vec<&str> = path.hops.iter().map(|h| h.kind.as_str()).collect();
            for kind in [
                "dns",
                "security-group",
                "network-acl",
                "route",
                "nat-gateway",
                "internet-gateway",
            ] {
                assert!(kinds.contains(&kind), "no `{kind}` hop in {kinds:?}");
            }
            assert!(path.hops.iter().all(|h| h.admitted && !h.reason.is_empty()));
        },
    );
}
