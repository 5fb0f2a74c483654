//! What a hop compares against a rule's CIDR: a known address, a range the address lies in
//! (a subnet's CIDR when the interface's own address is not in the model), or "the internet"
//! (a public AWS endpoint whose address the model does not hold).

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;

/// One end of a connection, as far as the model knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address {
    /// A known address.
    Ip(IpAddr),
    /// Some address in this range (a subnet's CIDR): a rule covers it only when it covers the
    /// whole range.
    Within(IpNet),
    /// A public IPv4 address on the internet (a public AWS service endpoint): only a `/0` covers
    /// it, as the endpoint's addresses change and are not in the model.
    Internet,
}

/// How much of an [`Address`] a CIDR covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Every address it may be.
    Full,
    /// Some of the addresses of a [`Address::Within`] range.
    Partial,
    /// A public CIDR that may or may not hold the public endpoint's address.
    Unknown,
    /// None.
    Disjoint,
}

impl Address {
    /// How much of this address `net` covers. IPv4 and IPv6 never cover each other.
    pub fn covered_by(&self, net: &IpNet) -> Coverage {
        match self {
            Address::Ip(ip) => {
                if net.contains(ip) {
                    Coverage::Full
                } else {
                    Coverage::Disjoint
                }
            }
            Address::Within(range) => {
                if net.contains(range) {
                    Coverage::Full
                } else if range.contains(&net.network()) {
                    Coverage::Partial
                } else {
                    Coverage::Disjoint
                }
            }
            Address::Internet => match net {
                IpNet::V4(v4) if v4.prefix_len() == 0 => Coverage::Full,
                IpNet::V4(v4) if is_private_v4(v4) => Coverage::Disjoint,
                IpNet::V4(_) => Coverage::Unknown,
                IpNet::V6(_) => Coverage::Disjoint,
            },
        }
    }

    /// Whether the address is IPv4 (the internet is reached over IPv4).
    pub fn is_ipv4(&self) -> bool {
        match self {
            Address::Ip(ip) => ip.is_ipv4(),
            Address::Within(net) => matches!(net, IpNet::V4(_)),
            Address::Internet => true,
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Ip(ip) => write!(f, "{ip}"),
            Address::Within(net) => write!(f, "an address in {net}"),
            Address::Internet => f.write_str("the public endpoint (an internet address)"),
        }
    }
}

/// RFC 1918, shared address space (RFC 6598), loopback and link-local: never a public endpoint.
fn is_private_v4(net: &ipnet::Ipv4Net) -> bool {
    const PRIVATE: [(u32, u8); 6] = [
        (0x0A00_0000, 8),  // 10.0.0.0/8
        (0xAC10_0000, 12), // 172.16.0.0/12
        (0xC0A8_0000, 16), // 192.168.0.0/16
        (0x6440_0000, 10), // 100.64.0.0/10
        (0x7F00_0000, 8),  // 127.0.0.0/8
        (0xA9FE_0000, 16), // 169.254.0.0/16
    ];
    let start = u32::from(net.network());
    PRIVATE.iter().any(|&(base, len)| {
        net.prefix_len() >= len
            && (start >> (32 - u32::from(len))) == (base >> (32 - u32::from(len)))
    })
}

/// The first IPv4 CIDR of a list (subnets may also carry IPv6 CIDRs).
pub fn first_ipv4(cidrs: &[IpNet]) -> Option<IpNet> {
    cidrs.iter().find(|c| matches!(c, IpNet::V4(_))).copied()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]
mod tests {
    use super::*;

    fn net(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn a_range_is_covered_only_by_a_cidr_that_holds_all_of_it() {
        let a = Address::Within(net("10.0.1.0/24"));
        assert_eq!(a.covered_by(&net("10.0.0.0/16")), Coverage::Full);
        assert_eq!(a.covered_by(&net("10.0.1.0/25")), Coverage::Partial);
        assert_eq!(a.covered_by(&net("10.0.2.0/24")), Coverage::Disjoint);
    }

    #[test]
    fn only_a_default_route_cidr_covers_the_internet() {
        assert_eq!(
            Address::Internet.covered_by(&net("0.0.0.0/0")),
            Coverage::Full
        );
        assert_eq!(
            Address::Internet.covered_by(&net("10.0.0.0/8")),
            Coverage::Disjoint
        );
        assert_eq!(
            Address::Internet.covered_by(&net("52.0.0.0/8")),
            Coverage::Unknown
        );
        assert_eq!(
            Address::Internet.covered_by(&net("::/0")),
            Coverage::Disjoint
        );
    }
}
