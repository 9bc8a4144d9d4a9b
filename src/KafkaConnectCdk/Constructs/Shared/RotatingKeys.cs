using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace KafkaConnectCdk.Constructs.Shared;

/// <summary>
/// The customer-managed keys of the platform: rotating, usable by CloudWatch Logs where logs are encrypted, and
/// granting only to AWS services (Control Tower CT.KMS.PR.3).
/// </summary>
public static class RotatingKeys
{
    /// <param name="denyGrantsNotForAwsResources">
    /// False only for a key whose user creates grants with a role's own credentials: EKS secrets encryption
    /// (CreateCluster makes its grant as the cluster creation role, and "the condition kms:GrantIsForAWSResource is not
    /// supported for the CreateCluster action": EKS user guide, enable-kms; Control Tower CT.EKS.PR.2). Such a key has a
    /// Control Tower exception instead (ControlTowerExceptions).
    /// </param>
    public static Key Create(Construct scope, string id, string description, RemovalPolicy removalPolicy, bool encryptsLogs = false, bool denyGrantsNotForAwsResources = true)
    {
        var key = new Key(scope, id, new KeyProps { Description = description, EnableKeyRotation = true, RemovalPolicy = removalPolicy });
        if (denyGrantsNotForAwsResources)
        {
            key.AddToResourcePolicy(DenyGrantsNotForAwsResources);
        }

        if (encryptsLogs)
        {
            // CloudWatch Logs encrypts the log groups' data with the key on the account's behalf.
            key.GrantEncryptDecrypt(new ServicePrincipal($"logs.{Stack.Of(scope).Region}.amazonaws.com"));
        }

        return key;
    }

    /// <summary>
    /// Denies kms:CreateGrant unless an AWS service asks for an AWS resource (EBS, RDS, MSK, EKS and Secrets Manager
    /// create their grants that way), in the exact shape the control checks: Deny, Principal *, Resource *, and
    /// BoolIfExists on kms:GrantIsForAWSResource and aws:PrincipalIsAWSService both "false"
    /// (rules/control-tower/cfn-guard/keymanagementservice/ct-kms-pr-3.guard of @cdklabs/cdk-validator-cfnguard 0.0.62).
    /// </summary>
    public static PolicyStatement DenyGrantsNotForAwsResources => new(new PolicyStatementProps
    {
        Sid = "DenyGrantsNotForAwsResources",
        Effect = Effect.DENY,
        Principals = [new AnyPrincipal()],
        Actions = ["kms:CreateGrant"],
        Resources = ["*"],
        Conditions = new Dictionary<string, object>
        {
            ["BoolIfExists"] = new Dictionary<string, object>
            {
                ["kms:GrantIsForAWSResource"] = "false",
                ["aws:PrincipalIsAWSService"] = "false",
            },
        },
    });
}
