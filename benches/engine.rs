//! Engine benchmarks (`cargo bench --bench engine`), through the public API only.
//!
//! - `get_secret_value/*`: one GetSecretValue chain (network, Secrets Manager, the KMS call made
//!   on the caller's behalf) on a small model, loaded once. Target: median < 20 µs.
//! - `generated_10_accounts/*`: a generated model of 10 accounts, 1,000 roles and 1,000 secrets
//!   (built as JSON here, loaded once), 10,000 GetSecretValue queries per iteration; criterion's
//!   throughput line gives the time per query.
//! - `check_path/*`: what `secretpath check` does per model: parse the JSON, load, run the checks.
//!
//! Runtimes are kept modest (the build machines have 2 cores).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code"
)]

/// The same allocator the native command line ships with (src/bin/secretpath/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use serde_json::{json, Value};

use secretpath::engine::checks::run_checks;
use secretpath::engine::flows::{evaluate, EvalOptions};
use secretpath::engine::model::{load_model, Model};
use secretpath::engine::query::{parse_query, Query};
use secretpath::engine::verdict::Decision;

const REGION: &str = "us-east-1";

/// A small model: one account, a role, two secrets (one on a customer managed key), a key.
fn small_model() -> Value {
    let acct = "111111111111";
    let key_arn = format!("arn:aws:kms:{REGION}:{acct}:key/6f2c1d7e-3b4a-4c5d-9e8f-0a1b2c3d4e5f");
    json!({
        "Format": "secretpath/1",
        "Accounts": [{
            "AccountId": acct,
            "Iam": {"RoleDetailList": [{
                "RoleName": "app", "Path": "/", "Arn": format!("arn:aws:iam::{acct}:role/app"),
                "RolePolicyList": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Sid": "Read", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                     "Resource": format!("arn:aws:secretsmanager:{REGION}:{acct}:secret:prod/*")},
                    {"Sid": "Decrypt", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": key_arn,
                     "Condition": {"StringEquals": {"kms:ViaService": format!("secretsmanager.{REGION}.amazonaws.com")}}}
                ]}}]
            }]},
            "Regions": [{
                "Region": REGION,
                "Secrets": [
                    {"ARN": format!("arn:aws:secretsmanager:{REGION}:{acct}:secret:prod/db-AbCdEf"), "Name": "prod/db",
                     "VersionIdsToStages": {"v1": ["AWSCURRENT"]}},
                    {"ARN": format!("arn:aws:secretsmanager:{REGION}:{acct}:secret:prod/api-XyZ123"), "Name": "prod/api",
                     "KmsKeyId": "alias/prod-secrets", "VersionIdsToStages": {"v1": ["AWSCURRENT"]},
                     "ResourcePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"secretsmanager:DeleteSecret\",\"Resource\":\"*\"}]}"}
                ],
                "Keys": [{
                    "KeyMetadata": {"KeyId": "6f2c1d7e-3b4a-4c5d-9e8f-0a1b2c3d4e5f", "Arn": key_arn, "KeyState": "Enabled", "Enabled": true, "KeyManager": "CUSTOMER"},
                    "Policy": format!("{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{acct}:root\"}},\"Action\":\"kms:*\",\"Resource\":\"*\"}}]}}"),
                    "Aliases": [{"AliasName": "alias/prod-secrets", "AliasArn": format!("arn:aws:kms:{REGION}:{acct}:alias/prod-secrets")}]
                }]
            }]
        }],
        "Checks": [
            {"Name": "aws managed key", "Query": {"GetSecretValue": {"SecretId": "prod/db", "Caller": format!("arn:aws:iam::{acct}:role/app")}}, "Expect": "Allowed"},
            {"Name": "customer managed key", "Query": {"GetSecretValue": {"SecretId": "prod/api", "Caller": format!("arn:aws:iam::{acct}:role/app")}}, "Expect": "Allowed"},
            {"Name": "cross account", "Query": {"GetSecretValue": {"SecretId": format!("arn:aws:secretsmanager:{REGION}:{acct}:secret:prod/db-AbCdEf"), "Caller": "arn:aws:iam::222222222222:role/x"}}, "Expect": "ImplicitlyDenied"}
        ]
    })
}

fn load(value: &Value) -> Model {
    load_model(&value.to_string())
        .map(|l| l.model)
        .unwrap_or_else(|e| panic!("model does not load: {e}"))
}

fn query(value: &Value) -> Query {
    parse_query(value, "$").unwrap_or_else(|e| panic!("query does not parse: {e:?}"))
}

const ACCOUNTS: usize = 10;
const ROLES_PER_ACCOUNT: usize = 100;
const SECRETS_PER_ACCOUNT: usize = 100;
const TEAMS: usize = 10;
const QUERIES: usize = 10_000;

fn account_id(a: usize) -> String {
    format!("{}", 100_000_000_000u64 + a as u64 * 1_111)
}

fn key_id(a: usize) -> String {
    format!("00000000-0000-4000-8000-{a:012}")
}

/// A secret's 6-character suffix, deterministic.
fn suffix(a: usize, s: usize) -> String {
    format!("S{a:01}x{s:03}").chars().take(6).collect()
}

fn secret_name(s: usize) -> String {
    let team = s % TEAMS;
    if s % 10 == 9 {
        format!("shared/team{team}/feed{s}")
    } else {
        format!("team{team}/app{s}")
    }
}

fn secret_arn(a: usize, s: usize) -> String {
    format!(
        "arn:aws:secretsmanager:{REGION}:{}:secret:{}-{}",
        account_id(a),
        secret_name(s),
        suffix(a, s)
    )
}

/// 10 accounts × (100 roles, 100 secrets, 1 customer managed key). Roles read their team's
/// secrets; every tenth secret is shared with the next account through a resource policy and a
/// key policy that admits every account through Secrets Manager; every tenth role carries a Deny.
fn generated_model() -> Value {
    let all_roots: Vec<String> = (0..ACCOUNTS)
        .map(|a| format!("arn:aws:iam::{}:root", account_id(a)))
        .collect();
    let accounts: Vec<Value> = (0..ACCOUNTS)
        .map(|a| {
            let acct = account_id(a);
            let next = account_id((a + 1) % ACCOUNTS);
            let key_arn = format!("arn:aws:kms:{REGION}:{acct}:key/{}", key_id(a));
            let roles: Vec<Value> = (0..ROLES_PER_ACCOUNT)
                .map(|r| {
                    let team = r % TEAMS;
                    let mut statements = vec![
                        json!({"Sid": "ReadTeamSecrets", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                               "Resource": [format!("arn:aws:secretsmanager:{REGION}:{acct}:secret:team{team}/*"),
                                            format!("arn:aws:secretsmanager:{REGION}:*:secret:shared/team{team}/*")]}),
                        json!({"Sid": "DecryptThroughSecretsManager", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                               "Condition": {"StringEquals": {"kms:ViaService": format!("secretsmanager.{REGION}.amazonaws.com")}}}),
                    ];
                    if r % 10 == 3 {
                        statements.push(json!({"Sid": "NoSharedFeeds", "Effect": "Deny", "Action": "secretsmanager:GetSecretValue",
                                               "Resource": "arn:aws:secretsmanager:*:*:secret:shared/*"}));
                    }
                    json!({
                        "RoleName": format!("team{team}-svc{r}"), "Path": "/", "RoleId": format!("AROAGEN{a:02}{r:04}"),
                        "Arn": format!("arn:aws:iam::{acct}:role/team{team}-svc{r}"),
                        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                        "RolePolicyList": [{"PolicyName": "team-secrets", "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}],
                        "AttachedManagedPolicies": [], "InstanceProfileList": [],
                        "Tags": [{"Key": "team", "Value": format!("team{team}")}]
                    })
                })
                .collect();
            let secrets: Vec<Value> = (0..SECRETS_PER_ACCOUNT)
                .map(|s| {
                    let mut secret = json!({
                        "ARN": secret_arn(a, s), "Name": secret_name(s),
                        "VersionIdsToStages": {format!("v-{a}-{s}"): ["AWSCURRENT"]},
                        "Tags": [{"Key": "team", "Value": format!("team{}", s % TEAMS)}]
                    });
                    if s % 2 == 1 {
                        secret["KmsKeyId"] = json!(key_arn);
                    }
                    if s % 10 == 9 {
                        secret["KmsKeyId"] = json!(key_arn);
                        secret["ResourcePolicy"] = json!(json!({"Version": "2012-10-17", "Statement": [
                            {"Sid": "ShareWithNextAccount", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{next}:root")},
                             "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
                        ]}).to_string());
                    }
                    secret
                })
                .collect();
            let key_policy = json!({"Version": "2012-10-17", "Statement": [
                {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{acct}:root")}, "Action": "kms:*", "Resource": "*"},
                {"Sid": "OrgAccountsThroughSecretsManager", "Effect": "Allow", "Principal": {"AWS": all_roots}, "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*",
                 "Condition": {"StringEquals": {"kms:ViaService": format!("secretsmanager.{REGION}.amazonaws.com")}}}
            ]});
            json!({
                "AccountId": acct, "Name": format!("workload-{a}"),
                "Iam": {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": roles, "Policies": []},
                "Regions": [{
                    "Region": REGION,
                    "Secrets": secrets,
                    "Keys": [{"KeyMetadata": {"KeyId": key_id(a), "Arn": key_arn, "KeyState": "Enabled", "Enabled": true, "KeyManager": "CUSTOMER"},
                              "Policy": key_policy.to_string(), "Aliases": [], "Grants": []}]
                }]
            })
        })
        .collect();
    json!({"Format": "secretpath/1", "Description": "generated: 10 accounts, 1,000 roles, 1,000 secrets", "Accounts": accounts})
}

/// 10,000 GetSecretValue queries: 80 % same-account reads by name (half of them of the caller's
/// own team), 20 % cross-account reads by ARN of shared secrets (shared with the caller's account
/// or not).
fn generated_queries() -> Vec<Query> {
    let mut state: u64 = SEED;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    (0..QUERIES)
        .map(|_| {
            let a = next(ACCOUNTS);
            let r = next(ROLES_PER_ACCOUNT);
            let caller = format!(
                "arn:aws:iam::{}:role/team{}-svc{r}",
                account_id(a),
                r % TEAMS
            );
            let q = if next(5) < 4 {
                // Half of the same-account reads are for the caller's own team.
                let s = if next(2) == 0 {
                    next(SECRETS_PER_ACCOUNT / TEAMS) * TEAMS + r % TEAMS
                } else {
                    next(SECRETS_PER_ACCOUNT)
                };
                json!({"GetSecretValue": {"SecretId": secret_name(s), "Caller": caller}})
            } else {
                let owner = next(ACCOUNTS);
                let s = next(TEAMS) * 10 + 9;
                json!({"GetSecretValue": {"SecretId": secret_arn(owner, s), "Caller": caller}})
            };
            query(&q)
        })
        .collect()
}

/// The query generator's seed: the same queries on every run.
const SEED: u64 = 0x5EC2_E7BA_7400_0001;

fn bench_get_secret_value(c: &mut Criterion) {
    let model = load(&small_model());
    let options = EvalOptions::default();
    let mut group = c.benchmark_group("get_secret_value");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));

    let aws_managed = query(
        &json!({"GetSecretValue": {"SecretId": "prod/db", "Caller": "arn:aws:iam::111111111111:role/app"}}),
    );
    assert_eq!(
        evaluate(&model, &aws_managed, &options).decision,
        Decision::Allowed
    );
    group.bench_function("small_model_aws_managed_key", |b| {
        b.iter(|| evaluate(black_box(&model), black_box(&aws_managed), &options))
    });

    let customer_key = query(
        &json!({"GetSecretValue": {"SecretId": "prod/api", "Caller": "arn:aws:iam::111111111111:role/app"}}),
    );
    assert_eq!(
        evaluate(&model, &customer_key, &options).decision,
        Decision::Allowed
    );
    group.bench_function("small_model_customer_managed_key", |b| {
        b.iter(|| evaluate(black_box(&model), black_box(&customer_key), &options))
    });

    // The exam 1 example: an instance in a VPC, through an interface endpoint, on a CMK.
    let exam1_text =
        include_str!("../public/examples/exam-1-rotating-rds-credentials-read-from-ec2.json");
    let exam1 = load_model(exam1_text)
        .map(|l| l.model)
        .unwrap_or_else(|e| panic!("{e}"));
    let from_instance = query(
        &json!({"GetSecretValue": {"SecretId": "prod/orders/postgres-app", "From": {"Instance": "i-0a1b2c3d4e5f60001"}}}),
    );
    assert_eq!(
        evaluate(&exam1, &from_instance, &options).decision,
        Decision::Allowed
    );
    group.bench_function("exam1_instance_through_endpoint", |b| {
        b.iter(|| evaluate(black_box(&exam1), black_box(&from_instance), &options))
    });
    group.finish();
}

fn bench_generated(c: &mut Criterion) {
    let text = generated_model().to_string();
    let loaded = load_model(&text).unwrap_or_else(|e| panic!("generated model does not load: {e}"));
    let model = loaded.model;
    let queries = generated_queries();
    let options = EvalOptions::default();
    let mut tally = [0usize; 4];
    for q in &queries {
        let i = match evaluate(&model, q, &options).decision {
            Decision::Allowed => 0,
            Decision::ExplicitlyDenied => 1,
            Decision::ImplicitlyDenied => 2,
            Decision::Failed => 3,
        };
        if let Some(slot) = tally.get_mut(i) {
            *slot += 1;
        }
    }
    eprintln!(
        "generated model: {} bytes of JSON, {} accounts, {} roles, {} secrets; {} queries: {} allowed, {} explicitly denied, {} implicitly denied, {} failed",
        text.len(),
        model.accounts.len(),
        model.accounts.iter().map(|a| a.iam.roles.len()).sum::<usize>(),
        model.accounts.iter().flat_map(|a| &a.regions).map(|r| r.secrets.len()).sum::<usize>(),
        queries.len(),
        tally[0],
        tally[1],
        tally[2],
        tally[3]
    );
    assert!(
        tally[0] > 0 && tally[1] + tally[2] > 0,
        "the mix must allow and deny"
    );

    let mut group = c.benchmark_group("generated_10_accounts");
    // One iteration is ~2 s on the 2-core machines: flat sampling, 10 samples.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(25))
        .warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(queries.len() as u64));
    group.bench_function("10k_get_secret_value", |b| {
        b.iter(|| {
            let mut allowed = 0usize;
            for q in &queries {
                if evaluate(black_box(&model), black_box(q), &options).decision == Decision::Allowed
                {
                    allowed += 1;
                }
            }
            allowed
        })
    });
    group.finish();

    let mut group = c.benchmark_group("generated_10_accounts_load");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(6))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("load_model", |b| {
        b.iter(|| load_model(black_box(&text)).map(|l| l.model.accounts.len()))
    });
    group.finish();
}

fn bench_check_path(c: &mut Criterion) {
    let small = small_model().to_string();
    let exam1 =
        include_str!("../public/examples/exam-1-rotating-rds-credentials-read-from-ec2.json");
    let mut group = c.benchmark_group("check_path");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("small_model_load_only", |b| {
        b.iter(|| load_model(black_box(&small)).map(|l| l.model.accounts.len()))
    });
    let run = run_checks(&small);
    assert!(run.errors.is_empty() && run.results.iter().all(|r| r.holds));
    group.bench_function("small_model_load_and_3_checks", |b| {
        b.iter(|| run_checks(black_box(&small)))
    });
    let run = run_checks(exam1);
    assert!(run.errors.is_empty() && run.results.iter().all(|r| r.holds));
    group.bench_function("exam1_load_and_10_checks", |b| {
        b.iter(|| run_checks(black_box(exam1)))
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_get_secret_value,
    bench_generated,
    bench_check_path
);
criterion_main!(benches);
