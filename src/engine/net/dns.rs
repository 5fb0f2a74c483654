//! Name resolution from inside a VPC (S27). The default name `SERVICE.REGION.amazonaws.com`
//! resolves to an interface endpoint only when the endpoint has private DNS on and the VPC has
//! both `enableDnsSupport` and `enableDnsHostnames`; otherwise to the public endpoint. An
//! endpoint-specific name (`vpce-….SERVICE.REGION.vpce.amazonaws.com`) needs no private DNS,
//! only the VPC's resolver (`enableDnsSupport`).

use super::path::NetworkPath;
use crate::engine::ids::Region;
use crate::engine::model::{EndpointType, RegionResources, Vpc, VpcEndpoint, VpcEndpointId};
use crate::engine::verdict::{Blocker, BlockerCode, Layer};

/// Which DNS name the client uses for the service.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ServiceAddressing {
    /// The service's default name, `SERVICE.REGION.amazonaws.com` (what SDKs use).
    #[default]
    Default,
    /// The endpoint-specific DNS name of this interface endpoint (the SDK's `endpoint_url`).
    EndpointDns(VpcEndpointId),
}

/// Where the name leads.
#[derive(Debug, Clone)]
pub enum Resolution<'m> {
    /// To this interface endpoint's network interfaces.
    Endpoint(&'m VpcEndpoint),
    /// To the public endpoint. `cause` is the DNS reason the endpoint is not used, reported as a
    /// blocker if the public endpoint cannot be reached either.
    Public { cause: Option<Blocker> },
    /// Nowhere usable: the blocker has been recorded.
    Blocked,
}

fn dns_blocker(component: &str, code: BlockerCode, message: String) -> Blocker {
    Blocker {
        layer: Layer::Dns,
        component: component.to_owned(),
        code,
        statement: None,
        message,
        location: None,
    }
}

/// Resolve the service's name from `vpc` and record the `dns` hop.
pub fn resolve<'m>(
    path: &mut NetworkPath,
    region: &'m RegionResources,
    vpc: &Vpc,
    service: &str,
    target_region: &Region,
    addressing: &ServiceAddressing,
) -> Resolution<'m> {
    let name = format!("{service}.{target_region}.amazonaws.com");
    let service_name = super::endpoint_service_name(service, target_region);
    if !vpc.enable_dns_support {
        path.block(
            "dns",
            Layer::Dns,
            BlockerCode::DnsResolution,
            vpc.id.as_str(),
            format!(
                "`{}` has enableDnsSupport off: the Amazon-provided resolver does not answer, so `{name}` does not resolve (a custom resolver from DHCP options is not in the model)",
                vpc.id
            ),
        );
        return Resolution::Blocked;
    }
    match addressing {
        ServiceAddressing::EndpointDns(id) => {
            let Some(endpoint) = region.vpc_endpoints.iter().find(|e| &e.id == id) else {
                path.block(
                    "dns",
                    Layer::Dns,
                    BlockerCode::EndpointUnavailable,
                    id.as_str(),
                    format!("endpoint `{id}` is not in the model"),
                );
                return Resolution::Blocked;
            };
            if let Some(why) = unusable(endpoint, &service_name) {
                path.block(
                    "dns",
                    Layer::Dns,
                    BlockerCode::EndpointUnavailable,
                    id.as_str(),
                    format!("the endpoint-specific name of `{id}` resolves, but {why}"),
                );
                return Resolution::Blocked;
            }
            path.pass(
                "dns",
                id.as_str(),
                format!("the endpoint-specific name of `{id}` resolves to its network interfaces (needs enableDnsSupport, on in `{}`; private DNS not needed)", vpc.id),
            );
            Resolution::Endpoint(endpoint)
        }
        ServiceAddressing::Default => {
            if &region.region != target_region {
                path.pass(
                    "dns",
                    vpc.id.as_str(),
                    format!("`{name}` resolves to the public endpoint: interface endpoints in `{}` serve `{}` only", vpc.id, region.region),
                );
                return Resolution::Public { cause: None };
            }
            let endpoints: Vec<&VpcEndpoint> = region
                .vpc_endpoints
                .iter()
                .filter(|e| {
                    e.vpc_id == vpc.id
                        && e.service_name == service_name
                        && e.endpoint_type == EndpointType::Interface
                })
                .collect();
            if let Some(endpoint) = endpoints.iter().find(|e| e.private_dns_enabled) {
                if !vpc.enable_dns_hostnames {
                    let why = format!(
                        "`{}` has enableDnsHostnames off, so the private DNS name of `{}` is not used and `{name}` resolves to the public endpoint (S27)",
                        vpc.id, endpoint.id
                    );
                    path.pass("dns", vpc.id.as_str(), why.clone());
                    return Resolution::Public {
                        cause: Some(dns_blocker(
                            vpc.id.as_str(),
                            BlockerCode::DnsResolution,
                            why,
                        )),
                    };
                }
                if let Some(why) = unusable(endpoint, &service_name) {
                    path.block(
                        "dns",
                        Layer::Dns,
                        BlockerCode::EndpointUnavailable,
                        endpoint.id.as_str(),
                        format!(
                            "`{name}` resolves to endpoint `{}` (private DNS on), but {why}",
                            endpoint.id
                        ),
                    );
                    return Resolution::Blocked;
                }
                path.pass(
                    "dns",
                    endpoint.id.as_str(),
                    format!("`{name}` resolves to interface endpoint `{}` (private DNS on; `{}` has enableDnsSupport and enableDnsHostnames)", endpoint.id, vpc.id),
                );
                return Resolution::Endpoint(endpoint);
            }
            if let Some(endpoint) = endpoints.first() {
                let why = format!(
                    "interface endpoint `{}` has private DNS off, so `{name}` resolves to the public endpoint (use its endpoint-specific name, or turn private DNS on)",
                    endpoint.id
                );
                path.pass("dns", endpoint.id.as_str(), why.clone());
                return Resolution::Public {
                    cause: Some(dns_blocker(
                        endpoint.id.as_str(),
                        BlockerCode::DnsResolution,
                        why,
                    )),
                };
            }
            path.pass("dns", vpc.id.as_str(), format!("`{name}` resolves to the public endpoint: `{}` has no interface endpoint for `{service_name}`", vpc.id));
            Resolution::Public { cause: None }
        }
    }
}

/// Why an endpoint cannot carry requests for `service_name`, if it cannot.
fn unusable(endpoint: &VpcEndpoint, service_name: &str) -> Option<String> {
    if endpoint.endpoint_type != EndpointType::Interface {
        return Some(format!("`{}` is not an interface endpoint", endpoint.id));
    }
    if endpoint.service_name != service_name {
        return Some(format!(
            "`{}` serves `{}`, not `{service_name}`",
            endpoint.id, endpoint.service_name
        ));
    }
    if !endpoint.is_available() {
        return Some(format!(
            "`{}` is `{}`, not `available`",
            endpoint.id, endpoint.state
        ));
    }
    None
}
