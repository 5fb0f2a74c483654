//! Finding things in a loaded model. Every lookup returns borrowed views; none fails loudly.

use crate::engine::ids::{AccountId, Arn, Region};
use crate::engine::policy::Policy;

use super::aws_managed_policies::is_aws_managed_policy;
use super::compute::{DbInstance, Function, Instance};
use super::iam::{Group, ManagedPolicy, Role, User};
use super::kms::Key;
use super::network::{
    InternetGateway, NatGateway, NetworkAcl, RouteTable, SecurityGroup, Subnet, Vpc, VpcEndpoint,
};
use super::parameters::{parameter_arn, Parameter};
use super::policy_document::PolicyDocument;
use super::secrets::Secret;
use super::{Account, Model, RegionResources};

/// A thing together with the account and region it lives in.
#[derive(Debug)]
pub struct Located<'a, T> {
    pub account: &'a Account,
    pub region: &'a RegionResources,
    pub item: &'a T,
}

impl<T> Clone for Located<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Located<'_, T> {}

/// Where an identity policy of a principal comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyOrigin {
    /// An inline policy of the user or role.
    Inline,
    /// A managed policy attached to the user or role.
    Managed,
    /// An inline policy of a group the user is in.
    GroupInline { group: String },
    /// A managed policy attached to a group the user is in.
    GroupManaged { group: String },
}

/// One identity policy that applies to a principal.
#[derive(Debug, Clone)]
pub struct AttachedPolicy<'a> {
    /// The inline policy's name, or the managed policy's ARN.
    pub name: &'a str,
    pub origin: PolicyOrigin,
    /// `None` when the policy is not in the model (a managed policy neither listed nor known to
    /// the loader) or could not be parsed: verdicts say so, and it grants nothing.
    pub policy: Option<&'a Policy>,
    /// Where the document is in the model file (`None` for synthesised documents).
    pub location: Option<&'a str>,
}

impl Model {
    /// The account with this id.
    pub fn account(&self, id: &AccountId) -> Option<&Account> {
        self.accounts.iter().find(|a| &a.id == id)
    }

    /// The resources of one account in one region.
    pub fn region(&self, account: &AccountId, region: &Region) -> Option<&RegionResources> {
        self.account(account)?
            .regions
            .iter()
            .find(|r| &r.region == region)
    }

    fn located(&self, account: &str, region: &str) -> Option<(&Account, &RegionResources)> {
        let a = self.accounts.iter().find(|a| a.id.as_str() == account)?;
        let r = a.regions.iter().find(|r| r.region.as_str() == region)?;
        Some((a, r))
    }

    /// Every (account, region) pair.
    pub fn all_regions(&self) -> impl Iterator<Item = (&Account, &RegionResources)> {
        self.accounts
            .iter()
            .flat_map(|a| a.regions.iter().map(move |r| (a, r)))
    }

    fn find_in_regions<'a, T>(
        &'a self,
        list: impl Fn(&'a RegionResources) -> &'a [T],
        pred: impl Fn(&T) -> bool,
    ) -> Option<Located<'a, T>> {
        self.all_regions().find_map(|(account, region)| {
            list(region).iter().find(|t| pred(t)).map(|item| Located {
                account,
                region,
                item,
            })
        })
    }

    /// A secret by full ARN, by partial ARN (without the 6-character suffix), or by name in
    /// the given account and region (S20: another account's secret needs an ARN).
    pub fn find_secret(
        &self,
        secret_id: &str,
        default_account: &AccountId,
        default_region: &Region,
    ) -> Option<Located<'_, Secret>> {
        if let Ok(arn) = secret_id.parse::<Arn>() {
            let (account, region) = self.located(arn.account(), arn.region())?;
            let item = region
                .secrets
                .iter()
                .find(|s| s.arn.as_str() == secret_id)
                .or_else(|| region.secrets.iter().find(|s| s.partial_arn() == secret_id))?;
            return Some(Located {
                account,
                region,
                item,
            });
        }
        let (account, region) = self.located(default_account.as_str(), default_region.as_str())?;
        let item = region.secrets.iter().find(|s| s.name == secret_id)?;
        Some(Located {
            account,
            region,
            item,
        })
    }

    /// A key by key id, key ARN, alias name (`alias/…`) or alias ARN, in the given account and
    /// region unless the reference is an ARN.
    pub fn resolve_key(
        &self,
        account: &AccountId,
        region: &Region,
        key_ref: &str,
    ) -> Option<Located<'_, Key>> {
        let (acct, reg, local) = match key_ref.parse::<Arn>() {
            Ok(arn) if arn.service() == "kms" => (
                arn.account().to_owned(),
                arn.region().to_owned(),
                arn.resource().to_owned(),
            ),
            Ok(_) => return None,
            Err(_) => (
                account.as_str().to_owned(),
                region.as_str().to_owned(),
                key_ref.to_owned(),
            ),
        };
        let (account, region) = self.located(&acct, &reg)?;
        let item = if local.starts_with("alias/") {
            region.keys.iter().find(|k| k.has_alias(&local))?
        } else {
            let id = local.strip_prefix("key/").unwrap_or(&local);
            region.keys.iter().find(|k| k.key_id.as_str() == id)?
        };
        Some(Located {
            account,
            region,
            item,
        })
    }

    /// A role by ARN.
    pub fn role_by_arn(&self, arn: &str) -> Option<(&Account, &Role)> {
        self.accounts.iter().find_map(|a| {
            a.iam
                .roles
                .iter()
                .find(|r| r.arn.as_str() == arn)
                .map(|r| (a, r))
        })
    }

    /// A role by account and name (as an assumed-role ARN names it, without the path).
    pub fn role_by_name(&self, account: &AccountId, name: &str) -> Option<&Role> {
        self.account(account)?
            .iam
            .roles
            .iter()
            .find(|r| r.name == name)
    }

    /// A user by ARN.
    pub fn user_by_arn(&self, arn: &str) -> Option<(&Account, &User)> {
        self.accounts.iter().find_map(|a| {
            a.iam
                .users
                .iter()
                .find(|u| u.arn.as_str() == arn)
                .map(|u| (a, u))
        })
    }

    /// The role whose `InstanceProfileList` holds this instance profile.
    pub fn role_for_instance_profile(&self, profile_arn: &str) -> Option<(&Account, &Role)> {
        self.accounts.iter().find_map(|a| {
            a.iam
                .roles
                .iter()
                .find(|r| {
                    r.instance_profiles
                        .iter()
                        .any(|p| p.arn.as_str() == profile_arn)
                })
                .map(|r| (a, r))
        })
    }

    /// The role an instance runs as, through its instance profile.
    pub fn role_of_instance(&self, instance: &Instance) -> Option<(&Account, &Role)> {
        self.role_for_instance_profile(instance.instance_profile_arn.as_ref()?.as_str())
    }

    /// A function's execution role.
    pub fn role_of_function(&self, function: &Function) -> Option<(&Account, &Role)> {
        self.role_by_arn(function.role.as_ref()?.as_str())
    }

    /// A group of an account by name.
    pub fn group(&self, account: &AccountId, name: &str) -> Option<&Group> {
        self.account(account)?
            .iam
            .groups
            .iter()
            .find(|g| g.name == name)
    }

    /// A managed policy by ARN: a customer managed policy of its account, or an AWS managed
    /// policy the loader synthesised.
    pub fn managed_policy(&self, arn: &str) -> Option<&ManagedPolicy> {
        let parsed = arn.parse::<Arn>().ok()?;
        if is_aws_managed_policy(&parsed) {
            return self.aws_managed_policies.get(&parsed);
        }
        self.accounts
            .iter()
            .filter(|a| a.id.as_str() == parsed.account())
            .find_map(|a| {
                a.iam
                    .managed_policies
                    .iter()
                    .find(|p| p.arn.as_str() == arn)
            })
    }

    /// The permissions boundary document of a user or role (`None` without a boundary, or when
    /// the boundary policy is not in the model — check `permissions_boundary` to tell them apart).
    pub fn permissions_boundary(&self, boundary: Option<&Arn>) -> Option<&PolicyDocument> {
        let p = self.managed_policy(boundary?.as_str())?;
        p.boundary_document.as_ref().or(p.document.as_ref())
    }

    fn managed_entries<'a>(
        &'a self,
        arns: &'a [Arn],
        origin: PolicyOrigin,
    ) -> Vec<AttachedPolicy<'a>> {
        arns.iter()
            .map(|arn| AttachedPolicy {
                name: arn.as_str(),
                origin: origin.clone(),
                policy: self
                    .managed_policy(arn.as_str())
                    .and_then(|p| p.document.as_ref())
                    .and_then(|d| d.policy.as_ref()),
                location: self
                    .managed_policy(arn.as_str())
                    .and_then(|p| p.document.as_ref())
                    .and_then(PolicyDocument::location),
            })
            .collect()
    }

    /// Every identity policy of a role: inline, then attached managed.
    pub fn identity_policies_of_role<'a>(&'a self, role: &'a Role) -> Vec<AttachedPolicy<'a>> {
        let mut out: Vec<AttachedPolicy<'a>> = role
            .inline_policies
            .iter()
            .map(|p| AttachedPolicy {
                name: &p.name,
                origin: PolicyOrigin::Inline,
                policy: p.document.policy.as_ref(),
                location: p.document.location(),
            })
            .collect();
        out.extend(self.managed_entries(&role.attached_managed_policies, PolicyOrigin::Managed));
        out
    }

    /// Every identity policy of a user: inline, attached managed, then for each group its
    /// inline and managed policies.
    pub fn identity_policies_of_user<'a>(
        &'a self,
        account: &AccountId,
        user: &'a User,
    ) -> Vec<AttachedPolicy<'a>> {
        let mut out: Vec<AttachedPolicy<'a>> = user
            .inline_policies
            .iter()
            .map(|p| AttachedPolicy {
                name: &p.name,
                origin: PolicyOrigin::Inline,
                policy: p.document.policy.as_ref(),
                location: p.document.location(),
            })
            .collect();
        out.extend(self.managed_entries(&user.attached_managed_policies, PolicyOrigin::Managed));
        for group_name in &user.groups {
            let Some(group) = self.group(account, group_name) else {
                continue;
            };
            out.extend(group.inline_policies.iter().map(|p| AttachedPolicy {
                name: &p.name,
                origin: PolicyOrigin::GroupInline {
                    group: group.name.clone(),
                },
                policy: p.document.policy.as_ref(),
                location: p.document.location(),
            }));
            out.extend(self.managed_entries(
                &group.attached_managed_policies,
                PolicyOrigin::GroupManaged {
                    group: group.name.clone(),
                },
            ));
        }
        out
    }

    /// An instance by id.
    pub fn instance(&self, id: &str) -> Option<Located<'_, Instance>> {
        self.find_in_regions(|r| &r.instances, |i| i.id.as_str() == id)
    }

    /// A function by ARN (a version or alias qualifier is ignored) or by name.
    pub fn function(&self, arn_or_name: &str) -> Option<Located<'_, Function>> {
        if arn_or_name.starts_with("arn:") {
            let unqualified = match arn_or_name.match_indices(':').nth(6) {
                Some((i, _)) => arn_or_name.get(..i).unwrap_or(arn_or_name),
                None => arn_or_name,
            };
            self.find_in_regions(|r| &r.functions, |f| f.arn.as_str() == unqualified)
        } else {
            self.find_in_regions(|r| &r.functions, |f| f.name == arn_or_name)
        }
    }

    /// A parameter by name (in the given account and region) or ARN.
    pub fn parameter(
        &self,
        name_or_arn: &str,
        account: &AccountId,
        region: &Region,
    ) -> Option<Located<'_, Parameter>> {
        let arn = if name_or_arn.starts_with("arn:") {
            name_or_arn.to_owned()
        } else {
            parameter_arn(account, region, name_or_arn)
        };
        let parsed = arn.parse::<Arn>().ok()?;
        let (account, region) = self.located(parsed.account(), parsed.region())?;
        let item = region.parameters.iter().find(|p| p.arn.as_str() == arn)?;
        Some(Located {
            account,
            region,
            item,
        })
    }

    /// The DB instance whose `Endpoint.Address` is `host` (case-insensitive, as DNS is).
    pub fn db_instance_by_address(&self, host: &str) -> Option<Located<'_, DbInstance>> {
        self.find_in_regions(
            |r| &r.db_instances,
            |d| {
                d.endpoint
                    .as_ref()
                    .is_some_and(|e| e.address.eq_ignore_ascii_case(host))
            },
        )
    }

    pub fn vpc_endpoint(&self, id: &str) -> Option<Located<'_, VpcEndpoint>> {
        self.find_in_regions(|r| &r.vpc_endpoints, |e| e.id.as_str() == id)
    }

    pub fn vpc(&self, id: &str) -> Option<Located<'_, Vpc>> {
        self.find_in_regions(|r| &r.vpcs, |v| v.id.as_str() == id)
    }

    pub fn subnet(&self, id: &str) -> Option<Located<'_, Subnet>> {
        self.find_in_regions(|r| &r.subnets, |s| s.id.as_str() == id)
    }

    pub fn security_group(&self, id: &str) -> Option<Located<'_, SecurityGroup>> {
        self.find_in_regions(|r| &r.security_groups, |s| s.id.as_str() == id)
    }

    pub fn route_table(&self, id: &str) -> Option<Located<'_, RouteTable>> {
        self.find_in_regions(|r| &r.route_tables, |t| t.id.as_str() == id)
    }

    pub fn network_acl(&self, id: &str) -> Option<Located<'_, NetworkAcl>> {
        self.find_in_regions(|r| &r.network_acls, |n| n.id.as_str() == id)
    }

    pub fn nat_gateway(&self, id: &str) -> Option<Located<'_, NatGateway>> {
        self.find_in_regions(|r| &r.nat_gateways, |n| n.id.as_str() == id)
    }

    pub fn internet_gateway(&self, id: &str) -> Option<Located<'_, InternetGateway>> {
        self.find_in_regions(|r| &r.internet_gateways, |g| g.id.as_str() == id)
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main table.
    pub fn route_table_for_subnet(&self, subnet: &Subnet) -> Option<Located<'_, RouteTable>> {
        self.find_in_regions(
            |r| &r.route_tables,
            |t| {
                t.associations
                    .iter()
                    .any(|a| a.subnet_id.as_ref() == Some(&subnet.id))
            },
        )
        .or_else(|| {
            self.find_in_regions(
                |r| &r.route_tables,
                |t| t.vpc_id == subnet.vpc_id && t.is_main(),
            )
        })
    }

    /// The network ACL a subnet uses: its association, else its VPC's default ACL.
    pub fn network_acl_for_subnet(&self, subnet: &Subnet) -> Option<Located<'_, NetworkAcl>> {
        self.find_in_regions(|r| &r.network_acls, |n| n.subnet_ids.contains(&subnet.id))
            .or_else(|| {
                self.find_in_regions(
                    |r| &r.network_acls,
                    |n| n.vpc_id == subnet.vpc_id && n.is_default,
                )
            })
    }

    /// A secret's key reference resolved in the secret's own account and region.
    pub fn key_of_secret<'a>(&'a self, secret: &Located<'a, Secret>) -> Option<Located<'a, Key>> {
        self.resolve_key(
            &secret.account.id,
            &secret.region.region,
            secret.item.key_reference(),
        )
    }
}
