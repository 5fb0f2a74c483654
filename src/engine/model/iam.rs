//! IAM as `aws iam get-account-authorization-details` prints it: users, groups, roles (with their
//! instance profiles, permissions boundaries and tags) and customer managed policies.

use crate::engine::ids::Arn;
use crate::engine::policy::PolicyKind;

use super::error::Findings;
use super::policy_document::{load_policy, PolicyDocument};
use super::reader::{tags, Obj};
use super::Tags;

/// An inline policy (`UserPolicyList`, `GroupPolicyList`, `RolePolicyList` entries).
#[derive(Debug, Clone, PartialEq)]
pub struct InlinePolicy {
    pub name: String,
    pub document: PolicyDocument,
}

/// An IAM user.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub name: String,
    pub id: Option<String>,
    pub arn: Arn,
    pub path: String,
    pub inline_policies: Vec<InlinePolicy>,
    pub attached_managed_policies: Vec<Arn>,
    /// Group names.
    pub groups: Vec<String>,
    pub permissions_boundary: Option<Arn>,
    pub tags: Tags,
}

/// An IAM group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub id: Option<String>,
    pub arn: Option<Arn>,
    pub path: String,
    pub inline_policies: Vec<InlinePolicy>,
    pub attached_managed_policies: Vec<Arn>,
}

/// An instance profile, as listed in its role's `InstanceProfileList`.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceProfile {
    pub name: Option<String>,
    pub id: Option<String>,
    pub arn: Arn,
    pub path: String,
}

/// An IAM role.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub name: String,
    pub id: Option<String>,
    pub arn: Arn,
    pub path: String,
    /// `AssumeRolePolicyDocument`.
    pub trust_policy: Option<PolicyDocument>,
    pub inline_policies: Vec<InlinePolicy>,
    pub attached_managed_policies: Vec<Arn>,
    pub instance_profiles: Vec<InstanceProfile>,
    pub permissions_boundary: Option<Arn>,
    pub tags: Tags,
}

/// A managed policy: its default version's document is the policy.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedPolicy {
    pub arn: Arn,
    pub name: String,
    pub id: Option<String>,
    pub path: String,
    pub default_version_id: Option<String>,
    /// The default version, parsed as an identity policy. `None` when no version is given.
    pub document: Option<PolicyDocument>,
    /// The same document parsed as a permissions boundary, when something uses it as one.
    pub boundary_document: Option<PolicyDocument>,
    /// `true` for an AWS managed policy written by the loader.
    pub synthesized: bool,
}

/// One account's IAM.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Iam {
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    /// Customer managed policies (`Policies`).
    pub managed_policies: Vec<ManagedPolicy>,
}

fn path_field(o: &Obj<'_>, f: &mut Findings) -> String {
    o.string("Path", f).unwrap_or_else(|| "/".to_owned())
}

fn inline_policies(o: &Obj<'_>, key: &str, f: &mut Findings) -> Vec<InlinePolicy> {
    let mut out = Vec::new();
    for p in o.objects(key, "an inline policy", f) {
        let name = p.req_str("PolicyName", f).unwrap_or_default().to_owned();
        match p.get("PolicyDocument") {
            Some(doc) => {
                let document = load_policy(doc, PolicyKind::Identity, &p.at("PolicyDocument"), f);
                out.push(InlinePolicy { name, document });
            }
            None => f.error(&p.path, "`PolicyDocument` is missing"),
        }
    }
    out
}

fn attached(o: &Obj<'_>, f: &mut Findings) -> Vec<Arn> {
    o.objects("AttachedManagedPolicies", "an attached policy", f)
        .into_iter()
        .filter_map(|p| {
            if !p.has("PolicyArn") {
                f.error(&p.path, "`PolicyArn` is missing");
            }
            p.parse::<Arn>("PolicyArn", f)
        })
        .collect()
}

fn boundary(o: &Obj<'_>, f: &mut Findings) -> Option<Arn> {
    o.object("PermissionsBoundary", f)?
        .parse::<Arn>("PermissionsBoundaryArn", f)
}

fn required_arn(o: &Obj<'_>, f: &mut Findings) -> Option<Arn> {
    if !o.has("Arn") {
        f.error(&o.path, "`Arn` is missing");
        return None;
    }
    o.parse::<Arn>("Arn", f)
}

pub(crate) fn load_iam(o: &Obj<'_>, f: &mut Findings) -> Iam {
    let mut iam = Iam::default();
    for u in o.objects("UserDetailList", "a user", f) {
        let name = u.req_str("UserName", f).map(str::to_owned);
        let arn = required_arn(&u, f);
        let user = User {
            name: name.unwrap_or_default(),
            id: u.string("UserId", f),
            arn: match arn {
                Some(a) => a,
                None => continue,
            },
            path: path_field(&u, f),
            inline_policies: inline_policies(&u, "UserPolicyList", f),
            attached_managed_policies: attached(&u, f),
            groups: u.strings("GroupList", f),
            permissions_boundary: boundary(&u, f),
            tags: tags(&u, "Tags", f),
        };
        iam.users.push(user);
    }
    for g in o.objects("GroupDetailList", "a group", f) {
        let Some(name) = g.req_str("GroupName", f).map(str::to_owned) else {
            continue;
        };
        iam.groups.push(Group {
            name,
            id: g.string("GroupId", f),
            arn: g.parse::<Arn>("Arn", f),
            path: path_field(&g, f),
            inline_policies: inline_policies(&g, "GroupPolicyList", f),
            attached_managed_policies: attached(&g, f),
        });
    }
    for r in o.objects("RoleDetailList", "a role", f) {
        let name = r.req_str("RoleName", f).map(str::to_owned);
        let arn = required_arn(&r, f);
        let trust_policy = r
            .get("AssumeRolePolicyDocument")
            .map(|d| load_policy(d, PolicyKind::Trust, &r.at("AssumeRolePolicyDocument"), f));
        let mut instance_profiles = Vec::new();
        for ip in r.objects("InstanceProfileList", "an instance profile", f) {
            if let Some(arn) = required_arn(&ip, f) {
                instance_profiles.push(InstanceProfile {
                    name: ip.string("InstanceProfileName", f),
                    id: ip.string("InstanceProfileId", f),
                    arn,
                    path: path_field(&ip, f),
                });
            }
        }
        let role = Role {
            name: name.unwrap_or_default(),
            id: r.string("RoleId", f),
            arn: match arn {
                Some(a) => a,
                None => continue,
            },
            path: path_field(&r, f),
            trust_policy,
            inline_policies: inline_policies(&r, "RolePolicyList", f),
            attached_managed_policies: attached(&r, f),
            instance_profiles,
            permissions_boundary: boundary(&r, f),
            tags: tags(&r, "Tags", f),
        };
        iam.roles.push(role);
    }
    for p in o.objects("Policies", "a managed policy", f) {
        let Some(arn) = required_arn(&p, f) else {
            continue;
        };
        let default_version_id = p.string("DefaultVersionId", f);
        let versions = p.objects("PolicyVersionList", "a policy version", f);
        let default = versions
            .iter()
            .find(|v| {
                let mut scratch = Findings::default();
                v.bool("IsDefaultVersion", &mut scratch) == Some(true)
            })
            .or_else(|| {
                versions.iter().find(|v| {
                    let mut scratch = Findings::default();
                    default_version_id.is_some()
                        && v.string("VersionId", &mut scratch) == default_version_id
                })
            })
            .or(if versions.len() == 1 {
                versions.first()
            } else {
                None
            });
        let document = match default.and_then(|v| v.get("Document").map(|d| (v, d))) {
            Some((v, d)) => Some(load_policy(d, PolicyKind::Identity, &v.at("Document"), f)),
            None => {
                f.warn(
                    &p.path,
                    format!(
                        "managed policy `{arn}` has no default version document; it grants nothing"
                    ),
                );
                None
            }
        };
        let name = p
            .string("PolicyName", f)
            .unwrap_or_else(|| arn.resource().rsplit('/').next().unwrap_or("").to_owned());
        iam.managed_policies.push(ManagedPolicy {
            arn,
            name,
            id: p.string("PolicyId", f),
            path: path_field(&p, f),
            default_version_id,
            document,
            boundary_document: None,
            synthesized: false,
        });
    }
    iam
}
