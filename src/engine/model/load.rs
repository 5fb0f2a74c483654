//! The entry points: JSON text (or a parsed value) in, a [`Model`] with warnings, or every error.

use std::collections::BTreeSet;
use std::fmt::Display;

use serde_json::Value;

use crate::engine::ids::{AccountId, Region};

use super::check_spec::load_check;
use super::compute::{load_db_instance, load_function, load_instance};
use super::error::{Findings, JsonPath, LoadError, LoadErrors};
use super::iam::load_iam;
use super::kms::load_key;
use super::managed_keys::{managed_key_aliases, synthesize_managed_key};
use super::network::{
    load_internet_gateway, load_nat_gateway, load_network_acl, load_route_table,
    load_security_group, load_subnet, load_vpc, load_vpc_endpoint,
};
use super::org::load_organization;
use super::parameters::load_parameter;
use super::reader::Obj;
use super::references::resolve_references;
use super::secret_material::{drop_secret_material, holds_secret_material};
use super::secrets::load_secret;
use super::{Account, Loaded, Model, RegionResources, FORMAT};

/// Load a model from JSON text. An invalid model yields every error at once.
pub fn load_model(json: &str) -> Result<Loaded, LoadErrors> {
    match serde_json::from_str::<Value>(json) {
        Ok(value) => load_owned(value),
        Err(e) => Err(LoadErrors(vec![LoadError {
            path: JsonPath::root(),
            message: format!("the model is not valid JSON: {e}"),
        }])),
    }
}

/// Load a model from an already parsed JSON value.
pub fn load_model_value(value: &Value) -> Result<Loaded, LoadErrors> {
    // Copied only when there is secret material to drop.
    if holds_secret_material(value) {
        load_owned(value.clone())
    } else {
        load_stripped(value, Findings::default())
    }
}

fn load_owned(mut value: Value) -> Result<Loaded, LoadErrors> {
    let mut f = Findings::default();
    drop_secret_material(&mut value, &mut f);
    load_stripped(&value, f)
}

/// Loads a document that holds no secret material (any there was is dropped, in `f`).
fn load_stripped(value: &Value, mut f: Findings) -> Result<Loaded, LoadErrors> {
    let model = build(value, &mut f);
    match model {
        Some(model) if f.errors.is_empty() => Ok(Loaded {
            model,
            warnings: f.warnings,
        }),
        _ => {
            if f.errors.is_empty() {
                f.error(&JsonPath::root(), "the model could not be loaded");
            }
            Err(LoadErrors(f.errors))
        }
    }
}

fn build(value: &Value, f: &mut Findings) -> Option<Model> {
    let root = Obj::new(value, JsonPath::root(), "the model", f)?;
    let format = match root.req_str("Format", f) {
        Some(FORMAT) => FORMAT.to_owned(),
        Some(other) => {
            f.error(
                &root.at("Format"),
                format!("`{other}` is not a supported format (expected `{FORMAT}`)"),
            );
            other.to_owned()
        }
        None => String::new(),
    };
    let description = root.string("Description", f);
    let organization = root
        .object("Organization", f)
        .map(|o| load_organization(&o, f));
    let mut accounts: Vec<Account> = Vec::new();
    let mut seen = BTreeSet::new();
    for a in root.objects("Accounts", "an account", f) {
        let Some(account) = load_account(&a, f) else {
            continue;
        };
        if !seen.insert(account.id.clone()) {
            f.error(
                &a.at("AccountId"),
                format!("account `{}` is listed twice", account.id),
            );
            continue;
        }
        accounts.push(account);
    }
    if let Some(org) = &organization {
        let mut scratch = Findings::default();
        let paths: Vec<(Option<AccountId>, JsonPath)> = root
            .objects("Accounts", "an account", &mut scratch)
            .into_iter()
            .map(|a| {
                (
                    a.parse::<AccountId>("AccountId", &mut scratch),
                    a.at("OrganizationId"),
                )
            })
            .collect();
        for account in &mut accounts {
            if !org.contains_account(&account.id) {
                continue;
            }
            if let Some(own) = account
                .organization_id
                .as_ref()
                .filter(|own| **own != org.id)
            {
                let at = paths
                    .iter()
                    .find(|(id, _)| id.as_ref() == Some(&account.id))
                    .map_or_else(|| JsonPath::root().key("Accounts"), |(_, p)| p.clone());
                f.warn(
                    &at,
                    format!(
                        "account `{}` is in organization `{}`, not `{own}`",
                        account.id, org.id
                    ),
                );
            }
            account.organization_id = Some(org.id.clone());
        }
    }
    let checks = root
        .objects("Checks", "a check", f)
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| load_check(&c, i, f))
        .collect();
    for account in &mut accounts {
        add_managed_keys(account);
    }
    let mut model = Model {
        format,
        description,
        organization,
        accounts,
        aws_managed_policies: Default::default(),
        checks,
    };
    resolve_references(value, &mut model, f);
    Some(model)
}

fn load_account(a: &Obj<'_>, f: &mut Findings) -> Option<Account> {
    if !a.has("AccountId") {
        f.error(&a.path, "`AccountId` is missing");
    }
    let id = a.parse::<AccountId>("AccountId", f);
    let name = a.string("Name", f);
    let organization_id = a.string("OrganizationId", f);
    let iam = a
        .object("Iam", f)
        .map(|i| load_iam(&i, f))
        .unwrap_or_default();
    let id = id?;
    let mut regions: Vec<RegionResources> = Vec::new();
    for r in a.objects("Regions", "a region", f) {
        let Some(region) = load_region(&r, &id, f) else {
            continue;
        };
        if regions.iter().any(|x| x.region == region.region) {
            f.error(
                &r.at("Region"),
                format!(
                    "region `{}` is listed twice in account `{id}`",
                    region.region
                ),
            );
            continue;
        }
        regions.push(region);
    }
    Some(Account {
        id,
        name,
        organization_id,
        iam,
        regions,
    })
}

/// Load every entry of a list, rejecting entries whose identity repeats.
fn load_list<T, K: Display + Ord>(
    o: &Obj<'_>,
    key: &str,
    what: &str,
    f: &mut Findings,
    mut load: impl FnMut(&Obj<'_>, &mut Findings) -> Option<T>,
    identity: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for item in o.objects(key, what, f) {
        let Some(t) = load(&item, f) else { continue };
        let id = identity(&t);
        if seen.contains(&id) {
            f.error(&item.path, format!("`{id}` is listed twice"));
            continue;
        }
        seen.insert(id);
        out.push(t);
    }
    out
}

fn load_region(r: &Obj<'_>, account: &AccountId, f: &mut Findings) -> Option<RegionResources> {
    if !r.has("Region") {
        f.error(&r.path, "`Region` is missing");
    }
    let region = r.parse::<Region>("Region", f)?;
    let mut out = RegionResources::empty(region.clone());
    out.secrets = load_list(
        r,
        "Secrets",
        "a secret",
        f,
        |o, f| load_secret(o, account, &region, f),
        |s| s.arn.clone(),
    );
    out.parameters = load_list(
        r,
        "Parameters",
        "a parameter",
        f,
        |o, f| load_parameter(o, account, &region, f),
        |p| p.arn.clone(),
    );
    out.keys = load_list(
        r,
        "Keys",
        "a key",
        f,
        |o, f| load_key(o, account, &region, f),
        |k| k.key_id.clone(),
    );
    out.vpcs = load_list(r, "Vpcs", "a VPC", f, load_vpc, |v| v.id.clone());
    out.subnets = load_list(r, "Subnets", "a subnet", f, load_subnet, |v| v.id.clone());
    out.route_tables = load_list(
        r,
        "RouteTables",
        "a route table",
        f,
        load_route_table,
        |v| v.id.clone(),
    );
    out.security_groups = load_list(
        r,
        "SecurityGroups",
        "a security group",
        f,
        load_security_group,
        |v| v.id.clone(),
    );
    out.network_acls = load_list(
        r,
        "NetworkAcls",
        "a network ACL",
        f,
        load_network_acl,
        |v| v.id.clone(),
    );
    out.vpc_endpoints = load_list(
        r,
        "VpcEndpoints",
        "a VPC endpoint",
        f,
        load_vpc_endpoint,
        |v| v.id.clone(),
    );
    out.nat_gateways = load_list(
        r,
        "NatGateways",
        "a NAT gateway",
        f,
        load_nat_gateway,
        |v| v.id.clone(),
    );
    out.internet_gateways = load_list(
        r,
        "InternetGateways",
        "an internet gateway",
        f,
        load_internet_gateway,
        |v| v.id.clone(),
    );
    out.instances = load_list(r, "Instances", "an instance", f, load_instance, |v| {
        v.id.clone()
    });
    out.functions = load_list(
        r,
        "Functions",
        "a function",
        f,
        |o, f| load_function(o, account, &region, f),
        |v| v.arn.clone(),
    );
    out.db_instances = load_list(
        r,
        "DBInstances",
        "a DB instance",
        f,
        |o, f| load_db_instance(o, account, &region, f),
        |v| v.identifier.clone(),
    );
    // Aliases must be unique within the region.
    let mut aliases = BTreeSet::new();
    for (i, key) in out.keys.iter().enumerate() {
        for alias in &key.aliases {
            if !aliases.insert(alias.name.clone()) {
                f.error(
                    &r.at("Keys").index(i),
                    format!("alias `{}` names more than one key", alias.name),
                );
            }
        }
    }
    Some(out)
}

/// Write `aws/secretsmanager` and `aws/ssm` into every region of the account that lacks them.
fn add_managed_keys(account: &mut Account) {
    for region in &mut account.regions {
        for alias in managed_key_aliases() {
            if region.keys.iter().any(|k| k.has_alias(alias)) {
                continue;
            }
            if let Some(key) = synthesize_managed_key(alias, &account.id, &region.region) {
                region.keys.push(key);
            }
        }
    }
}
