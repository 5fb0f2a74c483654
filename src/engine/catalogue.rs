//! The documented catalogues: blocker codes (contract §3 leaves the codes to the project) and
//! policy diagnostic codes, rendered as the Markdown of `docs/blocker-codes.md`. A test keeps
//! that file equal to this rendering, so the documentation cannot drift from the code.

use super::policy::DIAGNOSTIC_CODES;
use super::verdict::{BlockerCode, Layer};

/// The layers a code may appear in, for the catalogue.
fn layers_of(code: BlockerCode) -> &'static [Layer] {
    use BlockerCode as C;
    use Layer as L;
    match code {
        C::ExplicitDeny | C::UnsupportedPolicyContent => &[
            L::Scp,
            L::Rcp,
            L::VpcEndpointPolicy,
            L::ResourcePolicy,
            L::KeyPolicy,
            L::IdentityPolicy,
            L::PermissionsBoundary,
            L::SessionPolicy,
        ],
        C::ScpNoAllow => &[L::Scp],
        C::RcpNoAllow => &[L::Rcp],
        C::NoIdentityAllow => &[L::IdentityPolicy],
        C::NoResourceAllow | C::InvokeNotAllowed => &[L::ResourcePolicy],
        C::BoundaryNoAllow => &[L::PermissionsBoundary],
        C::SessionPolicyNoAllow => &[L::SessionPolicy],
        C::EndpointPolicyNoAllow => &[L::VpcEndpointPolicy],
        C::KeyPolicyNoAllow | C::AwsManagedKeyCrossAccount | C::KeyNotInModel => &[L::KeyPolicy],
        C::NotPrincipalDenyWithBoundary => &[L::ResourcePolicy, L::KeyPolicy],
        C::SecretScheduledForDeletion | C::VersionNotFound | C::RotationNotReady => {
            &[L::SecretState]
        }
        C::CrossAccountNeedsArn | C::ResourceNotFound | C::InvalidRequest | C::DatabaseNotFound => {
            &[L::Request]
        }
        C::KeyDisabled | C::KeyPendingDeletion | C::KeyUnavailable => &[L::KeyState],
        C::NoRoute => &[L::Route],
        C::DnsResolution => &[L::Dns],
        C::SecurityGroupBlocks => &[L::SecurityGroup],
        C::NetworkAclBlocks => &[L::NetworkAcl],
        C::EndpointUnavailable => &[L::Dns, L::Route],
        #[allow(unreachable_patterns)]
        _ => &[],
    }
}

/// The whole catalogue as Markdown.
pub fn render_markdown() -> String {
    let mut out = String::from(
        "# Codes\n\n\
         Generated from `src/engine/verdict.rs` and `src/engine/policy/parse.rs` by\n\
         `UPDATE_DOCS=1 cargo test --test docs`; a test fails when this file and the code differ.\n\n\
         ## Blocker codes\n\n\
         Every blocker in a verdict carries one of these stable codes (contract §3: `Code`). The\n\
         decision tells the kind of failure: explicit and implicit denials come from policies,\n\
         `Failed` from the network, the resource's state or the request itself.\n\n\
         | Code | Layers | Meaning |\n|---|---|---|\n",
    );
    for code in BlockerCode::ALL {
        let layers: Vec<&str> = layers_of(*code).iter().map(|l| l.as_str()).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            layers
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", "),
            code.description().trim()
        ));
    }
    out.push_str(
        "\n## Policy diagnostic codes\n\n\
         Findings of the policy validator, reported with the statement and element they concern.\n\
         An `Error` makes the model invalid (AWS would reject the document); a `Warning` is\n\
         reported and, when it is something SecretPath does not understand, the statement can\n\
         only deny.\n\n| Code | Meaning |\n|---|---|\n",
    );
    for (code, description) in DIAGNOSTIC_CODES {
        out.push_str(&format!(
            "| `{code}` | {} |\n",
            description.replace('|', "\\|")
        ));
    }
    out
}
