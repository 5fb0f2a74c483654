//! After loading: resolve references between entities. AWS managed policies that are attached
//! somewhere are synthesised; managed policies used as permissions boundaries are parsed as such;
//! and every reference to something not in the model (a key, role, group, policy, VPC, subnet,
//! security group, function, secret or database) is a warning at the referring field. Verdicts
//! that need the missing thing say so.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::engine::ids::{AccountId, Arn, Region};
use crate::engine::policy::{parse_policy, PolicyKind};

use super::aws_managed_policies::{is_aws_managed_policy, synthesize_aws_managed_policy};
use super::error::{Findings, JsonPath};
use super::policy_document::PolicyDocument;
use super::Model;

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

pub(crate) fn resolve_references(root: &Value, model: &mut Model, f: &mut Findings) {
    synthesize_attached_aws_policies(model);
    parse_boundaries(model, f);
    let model: &Model = model;
    let base = JsonPath::root().key("Accounts");
    for (ai, acct) in items(root, "Accounts") {
        let pa = base.index(ai);
        let Some(account) = text(acct, "AccountId").and_then(|s| s.parse::<AccountId>().ok())
        else {
            continue;
        };
        if model.account(&account).is_none() {
            continue;
        }
        if let Some(iam) = acct.get("Iam") {
            iam_references(model, &account, iam, &pa.key("Iam"), f);
        }
        for (ri, reg) in items(acct, "Regions") {
            let Some(region) = text(reg, "Region").and_then(|s| s.parse::<Region>().ok()) else {
                continue;
            };
            region_references(
                model,
                &account,
                &region,
                reg,
                &pa.key("Regions").index(ri),
                f,
            );
        }
    }
}

/// Every AWS managed policy attached (or used as a boundary) anywhere, that the loader knows.
fn synthesize_attached_aws_policies(model: &mut Model) {
    let mut wanted = BTreeSet::new();
    for a in &model.accounts {
        let iam = &a.iam;
        for arns in iam
            .users
            .iter()
            .map(|u| &u.attached_managed_policies)
            .chain(iam.groups.iter().map(|g| &g.attached_managed_policies))
            .chain(iam.roles.iter().map(|r| &r.attached_managed_policies))
        {
            wanted.extend(arns.iter().cloned());
        }
        wanted.extend(
            iam.users
                .iter()
                .filter_map(|u| u.permissions_boundary.clone()),
        );
        wanted.extend(
            iam.roles
                .iter()
                .filter_map(|r| r.permissions_boundary.clone()),
        );
    }
    let boundaries: BTreeSet<Arn> = model
        .accounts
        .iter()
        .flat_map(|a| {
            a.iam
                .users
                .iter()
                .filter_map(|u| u.permissions_boundary.clone())
                .chain(
                    a.iam
                        .roles
                        .iter()
                        .filter_map(|r| r.permissions_boundary.clone()),
                )
        })
        .collect();
    for arn in wanted {
        if let Some(mut p) = synthesize_aws_managed_policy(&arn) {
            if boundaries.contains(&arn) {
                p.boundary_document = p.document.clone().map(|d| PolicyDocument {
                    kind: PolicyKind::PermissionsBoundary,
                    ..d
                });
            }
            model.aws_managed_policies.insert(arn, p);
        }
    }
}

/// Parse each customer managed policy used as a permissions boundary with that kind, reporting
/// only what the identity-policy parse did not already report.
fn parse_boundaries(model: &mut Model, f: &mut Findings) {
    for account in &mut model.accounts {
        let used: BTreeSet<Arn> = account
            .iam
            .users
            .iter()
            .filter_map(|u| u.permissions_boundary.clone())
            .chain(
                account
                    .iam
                    .roles
                    .iter()
                    .filter_map(|r| r.permissions_boundary.clone()),
            )
            .collect();
        for policy in &mut account.iam.managed_policies {
            if !used.contains(&policy.arn) {
                continue;
            }
            let Some(doc) = &policy.document else {
                continue;
            };
            let already = parse_policy(&doc.source, PolicyKind::Identity).diagnostics;
            let parsed = parse_policy(&doc.source, PolicyKind::PermissionsBoundary);
            let path = doc.path.clone().unwrap_or_else(JsonPath::root);
            for d in parsed.diagnostics.iter().filter(|d| !already.contains(d)) {
                let at = path.within(&d.location);
                let message = format!("{} ({})", d.message, d.code);
                match d.severity {
                    crate::engine::policy::Severity::Error => {
                        f.error(&at, format!("invalid policy document: {message}"))
                    }
                    crate::engine::policy::Severity::Warning => {
                        f.warn(&at, format!("policy document: {message}"))
                    }
                }
            }
            policy.boundary_document = Some(PolicyDocument {
                kind: PolicyKind::PermissionsBoundary,
                policy: parsed.policy,
                source: doc.source.clone(),
                path: doc.path.clone(),
                synthesized: false,
            });
        }
    }
}

fn policy_reference(model: &Model, arn_text: &str, path: &JsonPath, f: &mut Findings) {
    let Ok(arn) = arn_text.parse::<Arn>() else {
        return;
    };
    if model.managed_policy(arn_text).is_some() {
        return;
    }
    if is_aws_managed_policy(&arn) {
        f.warn(
            path,
            format!(
                "AWS managed policy `{arn}` is not in the model (only AdministratorAccess and SecretsManagerReadWrite \
                 are built in); add it to `Iam.Policies` with its document, or its permissions are treated as absent"
            ),
        );
    } else {
        f.warn(
            path,
            format!(
                "managed policy `{arn}` is not in the model; its permissions are treated as absent"
            ),
        );
    }
}

fn iam_references(model: &Model, account: &AccountId, iam: &Value, p: &JsonPath, f: &mut Findings) {
    for list in ["UserDetailList", "GroupDetailList", "RoleDetailList"] {
        for (i, entity) in items(iam, list) {
            let pe = p.key(list).index(i);
            for (k, attached) in items(entity, "AttachedManagedPolicies") {
                if let Some(arn) = text(attached, "PolicyArn") {
                    policy_reference(
                        model,
                        arn,
                        &pe.key("AttachedManagedPolicies").index(k).key("PolicyArn"),
                        f,
                    );
                }
            }
            if let Some(arn) = entity
                .get("PermissionsBoundary")
                .and_then(|b| text(b, "PermissionsBoundaryArn"))
            {
                policy_reference(
                    model,
                    arn,
                    &pe.key("PermissionsBoundary").key("PermissionsBoundaryArn"),
                    f,
                );
            }
            for (k, g) in items(entity, "GroupList") {
                if let Some(name) = g.as_str() {
                    if model.group(account, name).is_none() {
                        f.warn(
                            &pe.key("GroupList").index(k),
                            format!("group `{name}` is not in the model; its policies are treated as absent"),
                        );
                    }
                }
            }
        }
    }
}

struct RegionCheck<'a> {
    model: &'a Model,
    account: &'a AccountId,
    region: &'a Region,
}

impl RegionCheck<'_> {
    fn key(&self, key_ref: &str, path: &JsonPath, f: &mut Findings) {
        if self
            .model
            .resolve_key(self.account, self.region, key_ref)
            .is_none()
        {
            f.warn(path, format!("key `{key_ref}` is not in the model; requests that need it cannot be evaluated"));
        }
    }

    fn exists(&self, found: bool, what: &str, id: &str, path: &JsonPath, f: &mut Findings) {
        if !found {
            f.warn(path, format!("{what} `{id}` is not in the model"));
        }
    }

    fn vpc(&self, v: &Value, key: &str, p: &JsonPath, f: &mut Findings) {
        if let Some(id) = text(v, key) {
            self.exists(self.model.vpc(id).is_some(), "VPC", id, &p.key(key), f);
        }
    }

    fn subnet(&self, v: &Value, key: &str, p: &JsonPath, f: &mut Findings) {
        if let Some(id) = text(v, key) {
            self.exists(
                self.model.subnet(id).is_some(),
                "subnet",
                id,
                &p.key(key),
                f,
            );
        }
    }

    fn subnet_list(&self, v: &Value, key: &str, p: &JsonPath, f: &mut Findings) {
        for (i, s) in items(v, key) {
            if let Some(id) = s.as_str() {
                self.exists(
                    self.model.subnet(id).is_some(),
                    "subnet",
                    id,
                    &p.key(key).index(i),
                    f,
                );
            }
        }
    }

    fn group_list(
        &self,
        v: &Value,
        key: &str,
        field: Option<&str>,
        p: &JsonPath,
        f: &mut Findings,
    ) {
        for (i, g) in items(v, key) {
            let (id, at) = match field {
                Some(field) => (text(g, field), p.key(key).index(i).key(field)),
                None => (g.as_str(), p.key(key).index(i)),
            };
            if let Some(id) = id {
                self.exists(
                    self.model.security_group(id).is_some(),
                    "security group",
                    id,
                    &at,
                    f,
                );
            }
        }
    }
}

fn region_references(
    model: &Model,
    account: &AccountId,
    region: &Region,
    reg: &Value,
    p: &JsonPath,
    f: &mut Findings,
) {
    let c = RegionCheck {
        model,
        account,
        region,
    };
    for (i, s) in items(reg, "Secrets") {
        let ps = p.key("Secrets").index(i);
        if let Some(k) = text(s, "KmsKeyId") {
            c.key(k, &ps.key("KmsKeyId"), f);
        }
        if let Some(arn) = text(s, "RotationLambdaARN") {
            c.exists(
                model.function(arn).is_some(),
                "rotation function",
                arn,
                &ps.key("RotationLambdaARN"),
                f,
            );
        }
        if let Some(st) = s.get("SecretStructure") {
            let parsed;
            let st = match st {
                Value::String(t) => {
                    parsed = serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
                    &parsed
                }
                other => other,
            };
            let pst = ps.key("SecretStructure");
            if let Some(master) = text(st, "masterarn") {
                let found = model.find_secret(master, account, region).is_some();
                c.exists(found, "superuser secret", master, &pst.key("masterarn"), f);
            }
            if let Some(host) = text(st, "host") {
                c.exists(
                    model.db_instance_by_address(host).is_some(),
                    "database at",
                    host,
                    &pst.key("host"),
                    f,
                );
            }
        }
    }
    for (i, prm) in items(reg, "Parameters") {
        if text(prm, "Type") == Some("SecureString") {
            if let Some(k) = text(prm, "KeyId") {
                c.key(k, &p.key("Parameters").index(i).key("KeyId"), f);
            }
        }
    }
    for (i, s) in items(reg, "Subnets") {
        c.vpc(s, "VpcId", &p.key("Subnets").index(i), f);
    }
    for (i, t) in items(reg, "RouteTables") {
        let pt = p.key("RouteTables").index(i);
        c.vpc(t, "VpcId", &pt, f);
        for (k, a) in items(t, "Associations") {
            c.subnet(a, "SubnetId", &pt.key("Associations").index(k), f);
        }
        for (k, r) in items(t, "Routes") {
            let pr = pt.key("Routes").index(k);
            if let Some(id) = text(r, "NatGatewayId") {
                c.exists(
                    model.nat_gateway(id).is_some(),
                    "NAT gateway",
                    id,
                    &pr.key("NatGatewayId"),
                    f,
                );
            }
            if let Some(id) = text(r, "GatewayId").filter(|g| g.starts_with("igw-")) {
                c.exists(
                    model.internet_gateway(id).is_some(),
                    "internet gateway",
                    id,
                    &pr.key("GatewayId"),
                    f,
                );
            }
        }
    }
    for (i, g) in items(reg, "SecurityGroups") {
        c.vpc(g, "VpcId", &p.key("SecurityGroups").index(i), f);
    }
    for (i, n) in items(reg, "NetworkAcls") {
        let pn = p.key("NetworkAcls").index(i);
        c.vpc(n, "VpcId", &pn, f);
        for (k, a) in items(n, "Associations") {
            c.subnet(a, "SubnetId", &pn.key("Associations").index(k), f);
        }
    }
    for (i, e) in items(reg, "VpcEndpoints") {
        let pe = p.key("VpcEndpoints").index(i);
        c.vpc(e, "VpcId", &pe, f);
        c.subnet_list(e, "SubnetIds", &pe, f);
        c.group_list(e, "Groups", Some("GroupId"), &pe, f);
    }
    for (i, n) in items(reg, "NatGateways") {
        c.subnet(n, "SubnetId", &p.key("NatGateways").index(i), f);
    }
    for (i, g) in items(reg, "InternetGateways") {
        let pg = p.key("InternetGateways").index(i);
        for (k, a) in items(g, "Attachments") {
            c.vpc(a, "VpcId", &pg.key("Attachments").index(k), f);
        }
    }
    for (i, inst) in items(reg, "Instances") {
        let pi = p.key("Instances").index(i);
        c.subnet(inst, "SubnetId", &pi, f);
        c.group_list(inst, "SecurityGroups", Some("GroupId"), &pi, f);
        if let Some(arn) = inst
            .get("IamInstanceProfile")
            .and_then(|ip| text(ip, "Arn"))
        {
            if model.role_for_instance_profile(arn).is_none() {
                f.warn(
                    &pi.key("IamInstanceProfile").key("Arn"),
                    format!("instance profile `{arn}` is in no role's `InstanceProfileList`; the instance has no role"),
                );
            }
        }
    }
    for (i, func) in items(reg, "Functions") {
        let pf = p.key("Functions").index(i);
        if let Some(role) = text(func, "Role") {
            c.exists(
                model.role_by_arn(role).is_some(),
                "execution role",
                role,
                &pf.key("Role"),
                f,
            );
        }
        if let Some(vpc) = func.get("VpcConfig") {
            let pv = pf.key("VpcConfig");
            c.subnet_list(vpc, "SubnetIds", &pv, f);
            c.group_list(vpc, "SecurityGroupIds", None, &pv, f);
        }
    }
    for (i, db) in items(reg, "DBInstances") {
        let pd = p.key("DBInstances").index(i);
        c.group_list(db, "VpcSecurityGroups", Some("VpcSecurityGroupId"), &pd, f);
        if let Some(group) = db.get("DBSubnetGroup") {
            let pg = pd.key("DBSubnetGroup");
            c.vpc(group, "VpcId", &pg, f);
            for (k, s) in items(group, "Subnets") {
                c.subnet(s, "SubnetIdentifier", &pg.key("Subnets").index(k), f);
            }
        }
    }
}
