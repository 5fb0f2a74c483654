//! `RotateSecret`: the rotation Secrets Manager runs for a secret (S30–S34), simulated step by
//! step — the caller's own RotateSecret call, the preconditions, the invocation of the rotation
//! function, then createSecret, setSecret, testSecret and finishSecret as the calls the function
//! really makes, under the function's role, over the function's network path, with the secret's
//! key, the database and, for alternating users, the superuser secret.

use std::collections::BTreeMap;

use serde_json::json;

use super::call::{authorize_call, leg_from_authz, wildcard_call, Target};
use super::context::{base_context, RequestSpec};
use super::kms::{kms_leg, KmsCall};
use super::leg::{combine_calls, verdict_from_legs, Leg};
use super::network::vpc_access_leg;
use super::origin::{resolve_origin, ResolvedOrigin};
use super::principal::{resolve_caller, Principal};
use super::secret_call::{authorize_secret_call, find_secret, FoundSecret, SecretRequest};
use super::EvalOptions;
use crate::engine::authz::ResourcePolicy;
use crate::engine::context::{CallerIdentity, CallerKind};
use crate::engine::model::{DbInstance, Function, Model};
use crate::engine::net::{path_to_database, path_to_service, Placement, ServicePath, Via};
use crate::engine::policy::PolicyKind;
use crate::engine::query::{Origin, RotateSecretQuery};
use crate::engine::verdict::{Blocker, BlockerCode, CallTrace, Decision, Layer, Verdict};

/// The staging labels of rotation.
const CURRENT: &str = "AWSCURRENT";
const PENDING: &str = "AWSPENDING";
const PREVIOUS: &str = "AWSPREVIOUS";
/// How the verdict names the version a rotation creates.
const NEW_VERSION: &str = "(new)";
/// The service principal of Secrets Manager.
const SECRETS_MANAGER: &str = "secretsmanager.amazonaws.com";

/// The steps of a rotation, in order.
const STEPS: [&str; 4] = ["createSecret", "setSecret", "testSecret", "finishSecret"];

fn failure(name: &str, layer: Layer, component: String, code: BlockerCode, message: String) -> Leg {
    Leg::new(
        name,
        Decision::Failed,
        vec![Blocker {
            layer,
            component,
            code,
            statement: None,
            message: message.clone(),
            location: None,
        }],
        json!({"Summary": message}),
    )
}

/// Everything the function's calls share.
struct FunctionEnv<'m> {
    principal: Principal<'m>,
    /// The function as an origin (its role's session carries `lambda:SourceFunctionArn`).
    origin: ResolvedOrigin<'m>,
    placement: Placement<'m>,
    to_secrets_manager: ServicePath<'m>,
}

impl<'m> FunctionEnv<'m> {
    /// The network pseudo-call every step that calls Secrets Manager starts with.
    fn network_call(&self) -> Leg {
        let blocked = !self.to_secrets_manager.blockers.is_empty();
        Leg::new(
            "network: function → Secrets Manager",
            if blocked {
                Decision::Failed
            } else {
                Decision::Allowed
            },
            self.to_secrets_manager.blockers.clone(),
            json!({"Hops": self.to_secrets_manager.hops}),
        )
    }

    /// A Secrets Manager call on `found` by the function, and the KMS call behind it.
    fn secret_call(
        &self,
        model: &'m Model,
        found: &FoundSecret<'m>,
        action: &str,
        stage: Option<&str>,
        kms: Option<(&str, &str)>,
        options: &EvalOptions,
    ) -> Vec<Leg> {
        let request = SecretRequest {
            action,
            leg_name: action,
            version_stage: stage,
            version_id: None,
            overrides: &[],
            session_policy: None,
            origin: Some(&self.origin),
        };
        let (leg, context) = authorize_secret_call(
            model,
            &self.principal,
            found,
            &self.to_secrets_manager,
            &request,
            options,
        );
        let mut out = vec![leg];
        if let Some((kms_action, version_id)) = kms {
            let key_ref = found.secret.kms_key_id.clone().unwrap_or_else(|| {
                super::get_secret_value::SECRETS_MANAGER_MANAGED_ALIAS.to_owned()
            });
            let call = KmsCall {
                action: kms_action,
                via_service: "secretsmanager",
                region: &found.region.region,
                owner_account: &found.account.id,
                key_ref: &key_ref,
                encryption_context: vec![
                    ("SecretARN".to_owned(), found.secret.arn.to_string()),
                    ("SecretVersionId".to_owned(), version_id.to_owned()),
                ],
                leg_name: kms_action,
            };
            out.push(kms_leg(model, &self.principal, &context, &call));
        }
        out
    }

    /// An action on `*` by the function's role (GetRandomPassword, EC2 network interfaces).
    fn wildcard_call(&self, model: &'m Model, action: &str, options: &EvalOptions) -> Leg {
        wildcard_call(
            model,
            &self.principal,
            action,
            &self.to_secrets_manager.via,
            self.placement.region.region.as_str(),
            options,
        )
    }
}

/// The database the secret's credentials are for: the DB instance whose endpoint address is the
/// secret's `host`, or the only one in the model.
fn find_database<'m>(model: &'m Model, found: &FoundSecret<'m>) -> Result<&'m DbInstance, String> {
    let all: Vec<&DbInstance> = model
        .accounts
        .iter()
        .flat_map(|a| a.regions.iter())
        .flat_map(|r| r.db_instances.iter())
        .collect();
    let host = found
        .secret
        .structure
        .as_ref()
        .and_then(|s| s.host.as_deref());
    if let Some(host) = host {
        return all
            .iter()
            .find(|d| d.endpoint.as_ref().is_some_and(|e| e.address.eq_ignore_ascii_case(host)))
            .copied()
            .ok_or_else(|| format!("no DB instance in the model has the endpoint address `{host}` named by the secret's `host`"));
    }
    match all.as_slice() {
        [only] => Ok(only),
        [] => Err("the model has no DB instance for the rotation to connect to".to_owned()),
        _ => Err("the secret has no SecretStructure `host` and the model has several DB instances: SecretPath cannot tell which one the rotation connects to".to_owned()),
    }
}

fn database_call(env: &FunctionEnv<'_>, db: Result<&DbInstance, String>, secret_arn: &str) -> Leg {
    match db {
        Err(message) => failure(
            "connect to the database",
            Layer::Request,
            secret_arn.to_owned(),
            BlockerCode::DatabaseNotFound,
            message,
        ),
        Ok(db) => {
            let path = path_to_database(&env.placement, db, &env.placement.region.region);
            let decision = if path.blockers.is_empty() {
                Decision::Allowed
            } else {
                Decision::Failed
            };
            let port = db
                .endpoint
                .as_ref()
                .and_then(|e| e.port)
                .map_or_else(|| "its port".to_owned(), |p| p.to_string());
            let mut leg = Leg::new(
                "connect to the database",
                decision,
                path.blockers.clone(),
                json!({"Summary": format!("{} connects to `{}` on {port}", env.placement.label, db.identifier), "Hops": path.hops}),
            );
            leg.notes.extend(path.notes.iter().cloned());
            leg
        }
    }
}

/// The version stages after the run, given the first step that did not succeed (S24, S32).
fn stages_after(
    before: &BTreeMap<String, Vec<String>>,
    failed_step: Option<usize>,
) -> BTreeMap<String, Vec<String>> {
    let mut after = before.clone();
    if failed_step == Some(0) {
        // createSecret did not store a new version.
        return after;
    }
    // A label is on one version at a time: AWSPENDING moves to the new version.
    for labels in after.values_mut() {
        labels.retain(|l| l != PENDING);
    }
    if failed_step.is_some() {
        after.insert(NEW_VERSION.to_owned(), vec![PENDING.to_owned()]);
        return after;
    }
    // finishSecret moved AWSCURRENT; AWSPREVIOUS follows the old current version; a version left
    // with no label is deprecated and no longer listed.
    for labels in after.values_mut() {
        labels.retain(|l| l != PREVIOUS);
        if labels.iter().any(|l| l == CURRENT) {
            labels.retain(|l| l != CURRENT);
            labels.push(PREVIOUS.to_owned());
        }
    }
    after.retain(|_, labels| !labels.is_empty());
    after.insert(NEW_VERSION.to_owned(), vec![CURRENT.to_owned()]);
    after
}

/// Evaluate a RotateSecret query.
pub fn evaluate_rotate_secret(
    model: &Model,
    query: &RotateSecretQuery,
    options: &EvalOptions,
) -> Verdict {
    let mut legs: Vec<Leg> = Vec::new();
    let caller = match &query.caller {
        Some(arn) => match resolve_caller(model, arn, None) {
            Ok(p) => Some(p),
            Err(e) => {
                return verdict_from_legs(vec![failure(
                    "secretsmanager:RotateSecret",
                    Layer::Request,
                    arn.clone(),
                    BlockerCode::InvalidRequest,
                    e.0,
                )]);
            }
        },
        None => None,
    };
    let (found, _) = find_secret(
        model,
        &query.secret_id,
        caller.as_ref().and_then(|c| c.identity.account.as_ref()),
        None,
    );
    let Some(found) = found else {
        return verdict_from_legs(vec![failure(
            "secretsmanager:RotateSecret",
            Layer::Request,
            query.secret_id.clone(),
            BlockerCode::ResourceNotFound,
            format!("secret `{}` is not in the model", query.secret_id),
        )]);
    };
    let secret = found.secret;
    let secret_arn = secret.arn.to_string();
    let function = secret
        .rotation_lambda_arn
        .as_ref()
        .and_then(|arn| model.function(arn.as_str()).map(|l| l.item));

    // 1. The caller's own RotateSecret call (S30).
    if let Some(principal) = &caller {
        let public = ServicePath {
            via: Via::Internet { source_ip: None },
            endpoint: None,
            hops: Vec::new(),
            blockers: Vec::new(),
            notes: Vec::new(),
        };
        let request = SecretRequest {
            action: "secretsmanager:RotateSecret",
            leg_name: "secretsmanager:RotateSecret",
            version_stage: None,
            version_id: None,
            overrides: &[],
            session_policy: None,
            origin: None,
        };
        let (mut leg, _) =
            authorize_secret_call(model, principal, &found, &public, &request, options);
        if let Some(f) = function {
            let invoke = caller_invoke(model, principal, f, options);
            leg.decision = if leg.decision == Decision::Allowed {
                invoke.decision
            } else {
                leg.decision
            };
            leg.blockers.extend(invoke.blockers);
            leg.detail.calls.push(CallTrace {
                call: invoke.name,
                outcome: invoke.decision,
                detail: invoke.detail,
            });
        }
        legs.push(leg);
    }

    // 2. Preconditions (S25, S32).
    let mut pre = Vec::new();
    match (&secret.rotation_lambda_arn, function) {
        (None, _) => pre.push(Blocker {
            layer: Layer::SecretState,
            component: secret_arn.clone(),
            code: BlockerCode::RotationNotReady,
            statement: None,
            message: "rotation is not configured: the secret has no RotationLambdaARN".to_owned(),
            location: None,
        }),
        (Some(arn), None) => pre.push(Blocker {
            layer: Layer::Request,
            component: arn.to_string(),
            code: BlockerCode::ResourceNotFound,
            statement: None,
            message: format!("the rotation function `{arn}` is not in the model"),
            location: None,
        }),
        _ => {}
    }
    if let Some(deleted) = secret.deleted_date {
        pre.push(Blocker {
            layer: Layer::SecretState,
            component: secret_arn.clone(),
            code: BlockerCode::SecretScheduledForDeletion,
            statement: None,
            message: format!("the secret is scheduled for deletion (DeletedDate {deleted}): it cannot be rotated (S25)"),
            location: None,
        });
    }
    let pending_elsewhere: Vec<&String> = secret
        .version_ids_to_stages
        .iter()
        .filter(|(_, labels)| {
            labels.iter().any(|l| l == PENDING) && !labels.iter().any(|l| l == CURRENT)
        })
        .map(|(id, _)| id)
        .collect();
    if let Some(id) = pending_elsewhere.first() {
        pre.push(Blocker {
            layer: Layer::SecretState,
            component: secret_arn.clone(),
            code: BlockerCode::RotationNotReady,
            statement: None,
            message: format!(
                "AWSPENDING is on version `{id}`, which is not AWSCURRENT: Secrets Manager assumes a previous rotation is still in progress and fails (\"Pending secret version … was not created\"); finish or undo it (move or remove AWSPENDING) first (S32)"
            ),
            location: None,
        });
    }
    let pre_decision = if pre.is_empty() {
        Decision::Allowed
    } else {
        Decision::Failed
    };
    legs.push(Leg::new("preconditions", pre_decision, pre, json!({"Summary": "rotation configured, secret not scheduled for deletion, no rotation in progress", "VersionIdsToStages": secret.version_ids_to_stages})));
    let Some(function) = function else {
        let mut verdict = verdict_from_legs(legs);
        verdict.version_stages_after = Some(secret.version_ids_to_stages.clone());
        return verdict;
    };

    // 3. Secrets Manager invokes the function (S30).
    legs.push(service_invoke(model, &found, function, options));

    // 4. The function's environment: its role, its network.
    let env = match function_env(model, function, found.region.region.as_str()) {
        Ok(env) => env,
        Err(leg) => {
            legs.push(*leg);
            let mut verdict = verdict_from_legs(legs);
            verdict.version_stages_after = Some(secret.version_ids_to_stages.clone());
            return verdict;
        }
    };
    if let Some(leg) = vpc_access_leg(
        model,
        &env.principal,
        function,
        &env.to_secrets_manager.via,
        options,
    ) {
        legs.push(leg);
    }

    // 5. The four steps.
    let alternating = secret.structure.as_ref().and_then(|s| s.masterarn.as_ref());
    let db = find_database(model, &found);
    let mut steps = Vec::new();
    // createSecret
    let mut calls = vec![env.network_call()];
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:DescribeSecret",
        None,
        None,
        options,
    ));
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:GetSecretValue",
        Some(CURRENT),
        Some(("kms:Decrypt", "AWSCURRENT version")),
        options,
    ));
    calls.push(env.wildcard_call(model, "secretsmanager:GetRandomPassword", options));
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:PutSecretValue",
        Some(PENDING),
        Some(("kms:GenerateDataKey", NEW_VERSION)),
        options,
    ));
    steps.push(combine_calls("createSecret", "the function reads AWSCURRENT, makes a new password and stores it as a new version labelled AWSPENDING", calls));
    // setSecret
    let mut calls = vec![env.network_call()];
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:GetSecretValue",
        Some(PENDING),
        Some(("kms:Decrypt", NEW_VERSION)),
        options,
    ));
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:GetSecretValue",
        Some(CURRENT),
        Some(("kms:Decrypt", "AWSCURRENT version")),
        options,
    ));
    if let Some(master) = alternating {
        let (master_found, _) = find_secret(model, master.as_str(), None, None);
        match master_found {
            Some(m) => calls.extend(env.secret_call(
                model,
                &m,
                "secretsmanager:GetSecretValue",
                Some(CURRENT),
                Some(("kms:Decrypt", "AWSCURRENT version")),
                options,
            )),
            None => calls.push(failure(
                "secretsmanager:GetSecretValue (superuser secret)",
                Layer::Request,
                master.to_string(),
                BlockerCode::ResourceNotFound,
                format!("the superuser secret `{master}` named by `masterarn` is not in the model"),
            )),
        }
    }
    // A secret without SecretStructure is not a database secret: its rotation function updates
    // a service the model does not describe (custom rotation), so no connection is checked.
    let database_secret = found.secret.structure.is_some();
    if database_secret {
        calls.push(database_call(&env, db, &secret_arn));
    }
    let set_summary = if !database_secret {
        "custom rotation: the function sets the new credential in the service it rotates for (not in the model, so not checked)"
    } else if alternating.is_some() {
        "with the superuser secret, the function sets the password of the other (clone) user in the database"
    } else {
        "the function logs in with AWSCURRENT and changes the user's own password in the database to AWSPENDING's"
    };
    steps.push(combine_calls("setSecret", set_summary, calls));
    // testSecret
    let mut calls = vec![env.network_call()];
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:GetSecretValue",
        Some(PENDING),
        Some(("kms:Decrypt", NEW_VERSION)),
        options,
    ));
    if database_secret {
        calls.push(database_call(
            &env,
            find_database(model, &found),
            &secret_arn,
        ));
    }
    steps.push(combine_calls(
        "testSecret",
        "the function logs in to the database with the AWSPENDING credentials",
        calls,
    ));
    // finishSecret
    let mut calls = vec![env.network_call()];
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:DescribeSecret",
        None,
        None,
        options,
    ));
    calls.extend(env.secret_call(
        model,
        &found,
        "secretsmanager:UpdateSecretVersionStage",
        Some(CURRENT),
        None,
        options,
    ));
    steps.push(combine_calls(
        "finishSecret",
        "the function moves AWSCURRENT to the new version; AWSPREVIOUS follows the old one",
        calls,
    ));

    let failed_step = steps.iter().position(|s| s.decision != Decision::Allowed);
    let earlier_failed = legs.iter().any(|l| l.decision != Decision::Allowed);
    legs.extend(steps);
    let mut verdict = verdict_from_legs(legs);
    let after = if earlier_failed {
        secret.version_ids_to_stages.clone()
    } else {
        stages_after(&secret.version_ids_to_stages, failed_step)
    };
    verdict.version_stages_after = Some(after);
    if !earlier_failed && database_secret {
        verdict.notes.push(strategy_note(alternating.is_some()));
    }
    if !earlier_failed {
        if let Some(i) = failed_step {
            verdict
                .notes
                .push(consequence_note(i, alternating.is_some()));
        }
    }
    verdict
}

fn strategy_note(alternating: bool) -> String {
    if alternating {
        "strategy: alternating users (SecretStructure has `masterarn`): the function keeps two database users and changes the one not in use with the superuser secret, so the AWSCURRENT credentials keep working throughout the rotation — no downtime (S34)".to_owned()
    } else {
        "strategy: single user: the function changes the password of the user the secret holds; between setSecret and finishSecret, clients still using AWSCURRENT hold a password that no longer works, so brief connection failures are possible (S34)".to_owned()
    }
}

fn consequence_note(failed_step: usize, alternating: bool) -> String {
    let step_name = STEPS.get(failed_step).copied().unwrap_or("a step");
    let base = match failed_step {
        0 => "nothing changed: no AWSPENDING version was stored".to_owned(),
        1 => "AWSPENDING is left on the new version while the database still has the old password".to_owned(),
        2 => "the database already has the new password (AWSPENDING) but AWSCURRENT still holds the old one".to_owned(),
        _ => {
            if alternating {
                "the other user's password changed in the database, AWSCURRENT still names the old user, which keeps working".to_owned()
            } else {
                "the password has changed in the database while AWSCURRENT still holds the old one: clients reading AWSCURRENT cannot log in".to_owned()
            }
        }
    };
    if failed_step == 0 {
        format!("rotation stops at {step_name}: {base}")
    } else {
        format!(
            "rotation stops at {step_name}: {base}; AWSPENDING stays on a version other than AWSCURRENT, so the next rotation fails too until it is cleared (S32). Secrets Manager retries failed rotations."
        )
    }
}

/// The caller's `lambda:InvokeFunction` on the rotation function (S30, API RotateSecret).
fn caller_invoke<'m>(
    model: &'m Model,
    principal: &Principal<'m>,
    function: &'m Function,
    options: &EvalOptions,
) -> Leg {
    let spec = RequestSpec {
        action: "lambda:InvokeFunction",
        resource: function.arn.as_str(),
        resource_account: function
            .arn
            .account_id()
            .as_ref()
            .and_then(|a| model.accounts.iter().find(|x| &x.id == a).map(|x| &x.id)),
        resource_tags: None,
        region: Some(function.arn.region()),
    };
    let context = base_context(
        model,
        principal,
        &spec,
        &Via::Internet { source_ip: None },
        options.now,
    );
    let resource_policy = function_policy(function);
    let outcome = authorize_call(
        model,
        principal,
        &context,
        Target::plain("lambda", resource_policy),
        None,
        None,
    );
    leg_from_authz(
        "lambda:InvokeFunction",
        outcome,
        format!(
            "the caller also needs lambda:InvokeFunction on `{}`",
            function.arn
        ),
    )
}

fn function_policy(function: &Function) -> Option<ResourcePolicy<'_>> {
    ResourcePolicy::from_document(
        function.arn.to_string(),
        PolicyKind::Resource,
        "function policy",
        function.policy.as_ref(),
    )
}

/// Secrets Manager (the service principal) invokes the function: only the function's resource
/// policy can allow it, with `aws:SourceAccount` / `aws:SourceArn` naming the secret (S30).
fn service_invoke<'m>(
    model: &'m Model,
    found: &FoundSecret<'m>,
    function: &'m Function,
    options: &EvalOptions,
) -> Leg {
    let principal = Principal {
        identity: CallerIdentity {
            kind: CallerKind::Service {
                name: SECRETS_MANAGER.to_owned(),
            },
            request_arn: SECRETS_MANAGER.to_owned(),
            account: None,
        },
        entity: super::principal::Entity::None,
        account: None,
    };
    let function_account = function.arn.account_id();
    let spec = RequestSpec {
        action: "lambda:InvokeFunction",
        resource: function.arn.as_str(),
        resource_account: function_account.as_ref(),
        resource_tags: None,
        region: Some(function.arn.region()),
    };
    let mut context = base_context(model, &principal, &spec, &Via::AwsService, options.now);
    context
        .keys
        .set_str("aws:SourceAccount", found.account.id.to_string());
    context
        .keys
        .set_str("aws:SourceArn", found.secret.arn.to_string());
    context.keys.set_str("aws:ViaAWSService", "false");
    let outcome = authorize_call(
        model,
        &principal,
        &context,
        Target::plain("lambda", function_policy(function)),
        None,
        None,
    );
    let mut leg = leg_from_authz(
        "lambda:InvokeFunction",
        outcome,
        format!(
            "Secrets Manager invokes `{}` (aws:SourceAccount={}, aws:SourceArn={})",
            function.arn, found.account.id, found.secret.arn
        ),
    );
    for b in &mut leg.blockers {
        if b.code == BlockerCode::NoResourceAllow {
            b.code = BlockerCode::InvokeNotAllowed;
            b.message = format!(
                "the function policy of `{}` does not let `secretsmanager.amazonaws.com` invoke it for this secret: add `aws lambda add-permission --principal secretsmanager.amazonaws.com --action lambda:InvokeFunction` (with aws:SourceAccount `{}`) (S30). {}",
                function.arn, found.account.id, b.message
            );
        }
    }
    leg
}

fn function_env<'m>(
    model: &'m Model,
    function: &'m Function,
    region: &str,
) -> Result<FunctionEnv<'m>, Box<Leg>> {
    let origin =
        resolve_origin(model, &Origin::Function(function.arn.to_string())).map_err(|m| {
            Box::new(failure(
                "function",
                Layer::Request,
                function.arn.to_string(),
                BlockerCode::ResourceNotFound,
                m,
            ))
        })?;
    let Some(role) = &function.role else {
        return Err(Box::new(failure(
            "function",
            Layer::Request,
            function.arn.to_string(),
            BlockerCode::InvalidRequest,
            "the rotation function has no execution role".to_owned(),
        )));
    };
    let principal = resolve_caller(model, role.as_str(), Some(&function.name)).map_err(|e| {
        Box::new(failure(
            "function",
            Layer::Request,
            role.to_string(),
            BlockerCode::InvalidRequest,
            e.0,
        ))
    })?;
    let Some(placement) = origin.placement.clone() else {
        return Err(Box::new(failure(
            "function",
            Layer::Request,
            function.arn.to_string(),
            BlockerCode::ResourceNotFound,
            "the function's placement is unknown".to_owned(),
        )));
    };
    let target_region = region
        .parse()
        .unwrap_or_else(|_| placement.region.region.clone());
    let to_secrets_manager = path_to_service(&placement, "secretsmanager", &target_region);
    Ok(FunctionEnv {
        origin,
        principal,
        placement,
        to_secrets_manager,
    })
}
