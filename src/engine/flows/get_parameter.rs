//! `GetParameter` (S35): the network path to Systems Manager, the `ssm:GetParameter`
//! authorisation and, for a SecureString read with decryption, the `kms:Decrypt` that Parameter
//! Store makes on the caller's behalf with the encryption context `PARAMETER_ARN`.

use serde_json::json;

use super::call::{authorize_call, endpoint_policy, leg_from_authz, Target};
use super::context::{apply_overrides, base_context, RequestSpec};
use super::kms::{kms_leg, KmsCall};
use super::leg::{verdict_from_legs, Leg};
use super::network::{network_leg, prepare};
use super::EvalOptions;
use crate::engine::model::{Account, Model, Parameter, ParameterType, RegionResources};
use crate::engine::query::GetParameterQuery;
use crate::engine::verdict::{Blocker, BlockerCode, Decision, Layer, Verdict};

/// The AWS managed key of Parameter Store.
pub const SSM_MANAGED_ALIAS: &str = "alias/aws/ssm";

fn find_parameter<'m>(
    model: &'m Model,
    name: &str,
    account: Option<&crate::engine::ids::AccountId>,
    region: Option<&crate::engine::ids::Region>,
) -> Option<(&'m Account, &'m RegionResources, &'m Parameter)> {
    let mut all = model.accounts.iter().flat_map(|a| {
        a.regions
            .iter()
            .flat_map(move |r| r.parameters.iter().map(move |p| (a, r, p)))
    });
    if name.starts_with("arn:") {
        return all.find(|(_, _, p)| p.arn.as_str() == name);
    }
    // By name: in the caller's account, preferring the origin's region (any region otherwise).
    let mut best = None;
    for (a, r, p) in all {
        if p.name != name || account.is_some_and(|acct| &a.id != acct) {
            continue;
        }
        if best.is_none() || region.is_some_and(|reg| &r.region == reg) {
            best = Some((a, r, p));
        }
    }
    best
}

/// Evaluate a GetParameter query.
pub fn evaluate_get_parameter(
    model: &Model,
    query: &GetParameterQuery,
    options: &EvalOptions,
) -> Verdict {
    const LEG: &str = "ssm:GetParameter";
    let prepared = match prepare(model, &query.call, LEG) {
        Ok(p) => p,
        Err(v) => return *v,
    };
    let principal = &prepared.principal;
    let origin_region = prepared
        .origin
        .placement
        .as_ref()
        .map(|p| p.region.region.clone());
    let Some((account, region_resources, parameter)) = find_parameter(
        model,
        &query.name,
        principal.identity.account.as_ref(),
        origin_region.as_ref(),
    ) else {
        let message = format!("parameter `{}` is not in the model (a parameter of another account is named by its ARN)", query.name);
        return verdict_from_legs(vec![Leg::new(
            LEG,
            Decision::Failed,
            vec![Blocker {
                layer: Layer::Request,
                component: query.name.clone(),
                code: BlockerCode::ResourceNotFound,
                statement: None,
                message: message.clone(),
                location: None,
            }],
            json!({"Summary": message}),
        )]);
    };
    let region = &region_resources.region;
    let mut legs = Vec::new();
    let path = network_leg(model, &prepared, "ssm", region, options, &mut legs);
    let spec = RequestSpec {
        action: LEG,
        resource: parameter.arn.as_str(),
        resource_account: Some(&account.id),
        resource_tags: None,
        region: Some(region.as_str()),
    };
    let mut context = base_context(model, principal, &spec, &path.via, options.now);
    super::context::set_credential_keys(
        &mut context.keys,
        &prepared.principal.identity,
        &prepared.origin,
    );
    apply_overrides(&mut context, &query.call.context);
    let endpoint_policy = endpoint_policy(path.endpoint);
    let outcome = authorize_call(
        model,
        principal,
        &context,
        Target::plain("ssm", None),
        query.call.session_policy.as_ref(),
        endpoint_policy,
    );
    let mut leg = leg_from_authz(
        LEG,
        outcome,
        format!(
            "`{}` calls GetParameter on `{}`",
            principal.identity.request_arn, parameter.arn
        ),
    );
    let cross_account = principal.identity.account.as_ref() != Some(&account.id);
    if cross_account {
        leg.notes.push(
            "Parameter Store shares parameters with other accounts only through AWS RAM (Advanced tier, customer managed key); the model has no RAM shares, so SecretPath evaluates the caller's own policies only".to_owned(),
        );
    }
    legs.push(leg);
    let secure = parameter.parameter_type == ParameterType::SecureString;
    if secure && query.with_decryption {
        let key_ref = parameter
            .key_id
            .clone()
            .unwrap_or_else(|| SSM_MANAGED_ALIAS.to_owned());
        let kms = KmsCall {
            action: "kms:Decrypt",
            via_service: "ssm",
            region,
            owner_account: &account.id,
            key_ref: &key_ref,
            encryption_context: vec![("PARAMETER_ARN".to_owned(), parameter.arn.to_string())],
            leg_name: "kms:Decrypt",
        };
        legs.push(kms_leg(model, principal, &context, &kms));
    } else if secure {
        if let Some(last) = legs.last_mut() {
            last.notes.push("SecureString read without WithDecryption: Parameter Store returns the encrypted value and makes no KMS call".to_owned());
        }
    }
    verdict_from_legs(legs)
}
