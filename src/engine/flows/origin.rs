//! The query's `From`: where the call is made, the role it runs as by default, and the session
//! name AWS gives that role's session (instance id, function name).

use crate::engine::ids::Arn;
use crate::engine::model::{Function, Model};
use crate::engine::net::{find_subnet, vpc_of, Placement, PlacementKind, Via};
use crate::engine::query::Origin;

/// A resolved origin.
#[derive(Debug, Clone)]
pub struct ResolvedOrigin<'m> {
    /// `None` for the internet.
    pub placement: Option<Placement<'m>>,
    /// For the internet: the caller's address.
    pub internet: Option<Via>,
    /// The role of the instance or function.
    pub default_role: Option<Arn>,
    /// The session name AWS gives that role's sessions.
    pub session_name: Option<String>,
    pub function: Option<&'m Function>,
    pub notes: Vec<String>,
}

/// Resolve a query's `From`. An origin not in the model is an error message.
pub fn resolve_origin<'m>(model: &'m Model, origin: &Origin) -> Result<ResolvedOrigin<'m>, String> {
    match origin {
        Origin::Internet { source_ip } => Ok(ResolvedOrigin {
            placement: None,
            internet: Some(Via::Internet {
                source_ip: *source_ip,
            }),
            default_role: None,
            session_name: None,
            function: None,
            notes: Vec::new(),
        }),
        Origin::Instance(id) => {
            let located = model
                .instance(id)
                .ok_or_else(|| format!("instance `{id}` is not in the model"))?;
            let (account, region, instance) = (located.account, located.region, located.item);
            let mut notes = Vec::new();
            let subnet = instance
                .subnet_id
                .as_ref()
                .and_then(|s| region.subnets.iter().find(|x| &x.id == s));
            if subnet.is_none() {
                notes.push(format!("the subnet of instance `{id}` is not in the model"));
            }
            let vpc = subnet.and_then(|s| vpc_of(region, s));
            let default_role = match &instance.instance_profile_arn {
                Some(profile) => match model.role_for_instance_profile(profile.as_str()) {
                    Some((_, role)) => Some(role.arn.clone()),
                    None => {
                        notes.push(format!(
                            "instance profile `{profile}` of `{id}` has no role in the model"
                        ));
                        None
                    }
                },
                None => None,
            };
            Ok(ResolvedOrigin {
                placement: Some(Placement {
                    account,
                    region,
                    vpc,
                    subnet,
                    security_groups: instance
                        .security_group_ids
                        .iter()
                        .map(|g| g.as_str().to_owned())
                        .collect(),
                    private_ip: instance.private_ip,
                    public_ip: instance.public_ip,
                    label: format!("instance `{id}`"),
                    kind: PlacementKind::Instance(instance),
                }),
                internet: None,
                default_role,
                session_name: Some(id.clone()),
                function: None,
                notes,
            })
        }
        Origin::Function(id) => {
            let located = model
                .function(id)
                .ok_or_else(|| format!("function `{id}` is not in the model"))?;
            let (account, region, function) = (located.account, located.region, located.item);
            let mut notes = Vec::new();
            let (vpc, subnet, security_groups) = match &function.vpc_config {
                Some(cfg) if !cfg.subnet_ids.is_empty() => {
                    let subnet = cfg
                        .subnet_ids
                        .iter()
                        .find_map(|s| region.subnets.iter().find(|x| &x.id == s));
                    if subnet.is_none() {
                        notes.push(format!(
                            "the subnets of function `{}` are not in the model",
                            function.name
                        ));
                    }
                    let vpc = subnet.and_then(|s| vpc_of(region, s));
                    (
                        vpc,
                        subnet,
                        cfg.security_group_ids
                            .iter()
                            .map(|g| g.as_str().to_owned())
                            .collect(),
                    )
                }
                _ => (None, None, Vec::new()),
            };
            Ok(ResolvedOrigin {
                placement: Some(Placement {
                    account,
                    region,
                    vpc,
                    subnet,
                    security_groups,
                    private_ip: None,
                    public_ip: None,
                    label: format!("function `{}`", function.name),
                    kind: PlacementKind::Function(function),
                }),
                internet: None,
                default_role: function.role.clone(),
                session_name: Some(function.name.clone()),
                function: Some(function),
                notes,
            })
        }
        Origin::Subnet {
            subnet_id,
            security_groups,
            private_ip,
        } => {
            let (account, region, subnet) = find_subnet(model, subnet_id)
                .ok_or_else(|| format!("subnet `{subnet_id}` is not in the model"))?;
            Ok(ResolvedOrigin {
                placement: Some(Placement {
                    account,
                    region,
                    vpc: vpc_of(region, subnet),
                    subnet: Some(subnet),
                    security_groups: security_groups.clone(),
                    private_ip: *private_ip,
                    public_ip: None,
                    label: format!("subnet `{subnet_id}`"),
                    kind: PlacementKind::Interface,
                }),
                internet: None,
                default_role: None,
                session_name: None,
                function: None,
                notes: Vec::new(),
            })
        }
    }
}
