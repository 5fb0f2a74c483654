//! AWS managed policies (`arn:aws:iam::aws:policy/…`) that matter for secrets, synthesised so a
//! model need not copy their text. Others are reported as not in the model.

use crate::engine::ids::Arn;
use crate::engine::policy::PolicyKind;

use super::iam::ManagedPolicy;
use super::policy_document::{synthesized, AllowSpec, PolicyDocument};

/// Whether an ARN names an AWS managed policy.
pub fn is_aws_managed_policy(arn: &Arn) -> bool {
    arn.service() == "iam" && arn.account() == "aws" && arn.resource().starts_with("policy/")
}

fn allow<'a>(
    sid: Option<&'a str>,
    actions: &'a [&'a str],
    resources: &'a [&'a str],
) -> AllowSpec<'a> {
    AllowSpec {
        sid,
        principal: None,
        actions,
        resources,
        string_equals: Vec::new(),
    }
}

/// The default-version document of a known AWS managed policy, by policy name.
fn document(name: &str) -> Option<PolicyDocument> {
    let doc = match name {
        "AdministratorAccess" => {
            synthesized(PolicyKind::Identity, None, &[allow(None, &["*"], &["*"])])
        }
        // AWS managed policy reference, SecretsManagerReadWrite v5 (2024-02-22).
        "SecretsManagerReadWrite" => synthesized(
            PolicyKind::Identity,
            None,
            &[
                allow(
                    Some("BasePermissions"),
                    &[
                        "secretsmanager:*",
                        "cloudformation:CreateChangeSet",
                        "cloudformation:DescribeChangeSet",
                        "cloudformation:DescribeStackResource",
                        "cloudformation:DescribeStacks",
                        "cloudformation:ExecuteChangeSet",
                        "docdb-elastic:GetCluster",
                        "docdb-elastic:ListClusters",
                        "ec2:DescribeSecurityGroups",
                        "ec2:DescribeSubnets",
                        "ec2:DescribeVpcs",
                        "kms:DescribeKey",
                        "kms:ListAliases",
                        "kms:ListKeys",
                        "lambda:ListFunctions",
                        "rds:DescribeDBClusters",
                        "rds:DescribeDBInstances",
                        "redshift:DescribeClusters",
                        "redshift-serverless:ListWorkgroups",
                        "redshift-serverless:GetNamespace",
                        "tag:GetResources",
                    ],
                    &["*"],
                ),
                allow(
                    Some("LambdaPermissions"),
                    &[
                        "lambda:AddPermission",
                        "lambda:CreateFunction",
                        "lambda:GetFunction",
                        "lambda:InvokeFunction",
                        "lambda:UpdateFunctionConfiguration",
                    ],
                    &["arn:aws:lambda:*:*:function:SecretsManager*"],
                ),
                allow(
                    Some("SARPermissions"),
                    &[
                        "serverlessrepo:CreateCloudFormationChangeSet",
                        "serverlessrepo:GetApplication",
                    ],
                    &["arn:aws:serverlessrepo:*:*:applications/SecretsManager*"],
                ),
                allow(
                    Some("S3Permissions"),
                    &["s3:GetObject"],
                    &[
                        "arn:aws:s3:::awsserverlessrepo-changesets*",
                        "arn:aws:s3:::secrets-manager-rotation-apps-*/*",
                    ],
                ),
            ],
        ),
        _ => return None,
    };
    Some(doc)
}

/// The synthesised AWS managed policy for `arn`, when the loader knows its text.
pub fn synthesize_aws_managed_policy(arn: &Arn) -> Option<ManagedPolicy> {
    if !is_aws_managed_policy(arn) {
        return None;
    }
    let name = arn.resource().rsplit('/').next().unwrap_or("");
    let document = document(name)?;
    Some(ManagedPolicy {
        arn: arn.clone(),
        name: name.to_owned(),
        id: None,
        path: "/".to_owned(),
        default_version_id: None,
        document: Some(document),
        boundary_document: None,
        synthesized: true,
    })
}
