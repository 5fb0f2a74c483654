//! The catalogue of condition keys the engine understands: their value type and whether a request
//! can carry several values for them. Used by validation (set operators, types) and by evaluation
//! (a key absent from the request is *absent* when catalogued, *not understood* otherwise).
//!
//! Sources: IAM-UG "AWS global condition context keys" (`reference_policies_condition-keys`),
//! the Service Authorization Reference pages for Secrets Manager, KMS, Systems Manager, Lambda,
//! EC2, STS and IAM. Multivalued keys are those the reference types `ArrayOf…` (IAM-UG
//! "Single-valued vs. multivalued context keys").

use serde::Serialize;

/// The value type of a condition key, as the Service Authorization Reference names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum KeyType {
    String,
    Arn,
    Bool,
    Date,
    Numeric,
    Ip,
    Binary,
}

/// One catalogued condition key (or key family, for prefix keys such as `aws:ResourceTag/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeyInfo {
    /// The key as AWS spells it; for a prefix key, the prefix (`aws:ResourceTag/`).
    pub name: &'static str,
    pub value_type: KeyType,
    /// Whether a request can carry several values (`ArrayOf…`): needs a set operator.
    pub multivalued: bool,
    /// Whether `name` is a prefix (`aws:PrincipalTag/` + a tag key).
    pub prefix: bool,
}

const fn key(name: &'static str, value_type: KeyType) -> KeyInfo {
    KeyInfo {
        name,
        value_type,
        multivalued: false,
        prefix: false,
    }
}
const fn multi(name: &'static str, value_type: KeyType) -> KeyInfo {
    KeyInfo {
        name,
        value_type,
        multivalued: true,
        prefix: false,
    }
}
const fn prefix(name: &'static str, value_type: KeyType) -> KeyInfo {
    KeyInfo {
        name,
        value_type,
        multivalued: false,
        prefix: true,
    }
}

use KeyType::{Arn, Bool, Date, Ip, Numeric, String as Str};

/// Every key the engine understands. Case is as AWS documents it; lookups ignore case.
pub const CATALOGUE: &[KeyInfo] = &[
    // Global keys (IAM-UG reference_policies_condition-keys).
    key("aws:PrincipalArn", Arn),
    key("aws:PrincipalAccount", Str),
    key("aws:PrincipalOrgID", Str),
    multi("aws:PrincipalOrgPaths", Str),
    prefix("aws:PrincipalTag/", Str),
    key("aws:PrincipalIsAWSService", Bool),
    key("aws:PrincipalServiceName", Str),
    multi("aws:PrincipalServiceNamesList", Str),
    key("aws:PrincipalType", Str),
    key("aws:userid", Str),
    key("aws:username", Str),
    key("aws:FederatedProvider", Str),
    key("aws:TokenIssueTime", Date),
    key("aws:MultiFactorAuthAge", Numeric),
    key("aws:MultiFactorAuthPresent", Bool),
    key("aws:SourceIdentity", Str),
    key("aws:RoleSessionName", Str),
    key("aws:AssumedRoot", Bool),
    key("aws:Ec2InstanceSourceVpc", Str),
    key("aws:Ec2InstanceSourcePrivateIPv4", Ip),
    key("aws:CurrentTime", Date),
    key("aws:EpochTime", Date),
    key("aws:RequestedRegion", Str),
    key("aws:SecureTransport", Bool),
    key("aws:SourceIp", Ip),
    key("aws:VpcSourceIp", Ip),
    key("aws:SourceVpc", Str),
    key("aws:SourceVpce", Str),
    key("aws:SourceVpcArn", Arn),
    key("aws:VpceAccount", Str),
    key("aws:VpceOrgID", Str),
    multi("aws:VpceOrgPaths", Str),
    key("aws:UserAgent", Str),
    key("aws:Referer", Str),
    key("aws:ViaAWSService", Bool),
    multi("aws:CalledVia", Str),
    key("aws:CalledViaFirst", Str),
    key("aws:CalledViaLast", Str),
    key("aws:SourceArn", Arn),
    key("aws:SourceAccount", Str),
    key("aws:SourceOrgID", Str),
    multi("aws:SourceOrgPaths", Str),
    key("aws:ResourceAccount", Str),
    key("aws:ResourceOrgID", Str),
    multi("aws:ResourceOrgPaths", Str),
    prefix("aws:ResourceTag/", Str),
    prefix("aws:RequestTag/", Str),
    multi("aws:TagKeys", Str),
    // Secrets Manager (Service Authorization Reference, AWS Secrets Manager; S21).
    key("secretsmanager:SecretId", Arn),
    key("secretsmanager:SecretPrimaryRegion", Str),
    key("secretsmanager:VersionId", Str),
    key("secretsmanager:VersionStage", Str),
    key("secretsmanager:Name", Str),
    key("secretsmanager:Description", Str),
    key("secretsmanager:KmsKeyId", Str),
    key("secretsmanager:RotationLambdaARN", Arn),
    key("secretsmanager:RotateImmediately", Bool),
    key("secretsmanager:ModifyRotationRules", Bool),
    key("secretsmanager:BlockPublicPolicy", Bool),
    key("secretsmanager:ForceDeleteWithoutRecovery", Bool),
    key("secretsmanager:RecoveryWindowInDays", Numeric),
    key("secretsmanager:ForceOverwriteReplicaSecret", Bool),
    multi("secretsmanager:AddReplicaRegions", Str),
    key("secretsmanager:resource/AllowRotationLambdaArn", Arn),
    key("secretsmanager:resource/Type", Str),
    prefix("secretsmanager:ResourceTag/", Str),
    // KMS (KMS-DG conditions-kms).
    key("kms:CallerAccount", Str),
    key("kms:ViaService", Str),
    prefix("kms:EncryptionContext:", Str),
    multi("kms:EncryptionContextKeys", Str),
    key("kms:EncryptionAlgorithm", Str),
    multi("kms:GrantOperations", Str),
    key("kms:GrantConstraintType", Str),
    key("kms:GrantIsForAWSResource", Bool),
    key("kms:GranteePrincipal", Str),
    key("kms:RetiringPrincipal", Str),
    key("kms:KeyOrigin", Str),
    key("kms:KeySpec", Str),
    key("kms:KeyUsage", Str),
    key("kms:CustomerMasterKeySpec", Str),
    key("kms:CustomerMasterKeyUsage", Str),
    key("kms:DataKeyPairSpec", Str),
    key("kms:MessageType", Str),
    key("kms:SigningAlgorithm", Str),
    key("kms:MacAlgorithm", Str),
    key("kms:KeyAgreementAlgorithm", Str),
    multi("kms:ResourceAliases", Str),
    key("kms:RequestAlias", Str),
    key("kms:BypassPolicyLockoutSafetyCheck", Bool),
    key("kms:ExpirationModel", Str),
    key("kms:ValidTo", Date),
    key("kms:WrappingAlgorithm", Str),
    key("kms:WrappingKeySpec", Str),
    key("kms:MultiRegion", Bool),
    key("kms:MultiRegionKeyType", Str),
    key("kms:PrimaryRegion", Str),
    key("kms:ReplicaRegion", Str),
    key("kms:ReEncryptOnSameKey", Bool),
    key("kms:RotationPeriodInDays", Numeric),
    key("kms:ScheduleKeyDeletionPendingWindowInDays", Numeric),
    prefix("kms:RecipientAttestation:", Str),
    // Systems Manager Parameter Store.
    prefix("ssm:resourceTag/", Str),
    key("ssm:Overwrite", Str),
    key("ssm:Recursive", Str),
    key("ssm:Policies", Str),
    key("ssm:SourceInstanceARN", Arn),
    // Lambda.
    key("lambda:FunctionArn", Arn),
    key("lambda:Principal", Str),
    key("lambda:SourceFunctionArn", Arn),
    key("lambda:FunctionUrlAuthType", Str),
    key("lambda:CodeSigningConfigArn", Arn),
    key("lambda:EventSourceToken", Str),
    multi("lambda:Layer", Str),
    multi("lambda:VpcIds", Str),
    multi("lambda:SubnetIds", Str),
    multi("lambda:SecurityGroupIds", Str),
    // EC2 (instance credentials and network-interface actions of rotation functions).
    key("ec2:SourceInstanceARN", Arn),
    key("ec2:Vpc", Arn),
    key("ec2:Subnet", Arn),
    key("ec2:Region", Str),
    key("ec2:InstanceProfile", Arn),
    prefix("ec2:ResourceTag/", Str),
    // STS and IAM (trust policies, PassRole).
    key("sts:ExternalId", Str),
    key("sts:RoleSessionName", Str),
    key("sts:SourceIdentity", Str),
    multi("sts:TransitiveTagKeys", Str),
    key("iam:PassedToService", Str),
    multi("iam:AssociatedResourceArn", Arn),
    key("iam:PermissionsBoundary", Arn),
    prefix("iam:ResourceTag/", Str),
];

/// The catalogue entry for `name` (case-insensitive), matching prefix keys by prefix. A prefix
/// key needs something after the prefix (`aws:ResourceTag/` alone is not a key).
pub fn lookup(name: &str) -> Option<&'static KeyInfo> {
    CATALOGUE.iter().find(|k| {
        if k.prefix {
            name.len() > k.name.len()
                && name
                    .get(..k.name.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(k.name))
        } else {
            name.eq_ignore_ascii_case(k.name)
        }
    })
}

/// Whether the engine understands `name`: a key it knows AWS sets (or leaves absent) itself.
pub fn is_understood(name: &str) -> bool {
    lookup(name).is_some()
}

/// Whether `name` is catalogued as multivalued (`None` when it is not catalogued).
pub fn is_multivalued(name: &str) -> Option<bool> {
    lookup(name).map(|k| k.multivalued)
}

/// Whether `name` is a KMS encryption-context key (`kms:EncryptionContext:<context-key>`).
pub fn is_encryption_context_key(name: &str) -> bool {
    const PREFIX: &str = "kms:EncryptionContext:";
    name.len() > PREFIX.len()
        && name
            .get(..PREFIX.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(PREFIX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case_and_prefix_keys_need_a_suffix() {
        assert_eq!(
            lookup("AWS:SOURCEVPCE").map(|k| k.name),
            Some("aws:SourceVpce")
        );
        assert_eq!(
            lookup("aws:ResourceTag/team").map(|k| k.name),
            Some("aws:ResourceTag/")
        );
        assert!(lookup("aws:ResourceTag/").is_none());
        assert!(lookup("aws:NoSuchKey").is_none());
        assert_eq!(is_multivalued("aws:TagKeys"), Some(true));
        assert_eq!(is_multivalued("aws:SourceVpc"), Some(false));
        assert!(is_encryption_context_key("kms:EncryptionContext:SecretARN"));
        assert!(!is_encryption_context_key("kms:EncryptionContextKeys"));
    }
}
