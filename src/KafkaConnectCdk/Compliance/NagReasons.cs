using Cdklabs.CdkNag;

namespace KafkaConnectCdk.Compliance;

/// <summary>
/// Every reason this app gives cdk-nag for a suppression, named, so that a reviewer reads all justifications in one file.
/// Each stack applies its suppressions in one method, on the objects concerned.
/// </summary>
public static class NagReasons
{
    public const string CdkSingletonBasicExecutionRole =
        "aws-cdk-lib's singleton custom-resource handler uses AWSLambdaBasicExecutionRole only to write its own CloudWatch logs; its API permissions are separate, scoped statements.";

    public const string CdkSingletonRuntime =
        "The Node.js runtime of aws-cdk-lib's singleton custom-resource handler is chosen and upgraded with aws-cdk-lib, not by this app.";

    public const string DatabaseDefaultPort =
        "MySQL keeps its standard port 3306: the instance sits in isolated subnets behind a security group that admits only the platform's clients, so a different port would add no protection.";

    public const string SingleAzByConfiguration =
        "This non-production environment runs the database without a standby by configuration (database.multiAz); validation forbids that in production.";

    public const string DeletionProtectionOutsideProduction =
        "Deletion protection is on in production only; other environments are meant to be torn down with their stacks.";

    public const string RdsEnhancedMonitoringPolicy =
        "AmazonRDSEnhancedMonitoringRole is the AWS-maintained policy RDS requires for enhanced monitoring; it only lets RDS write OS metrics to the RDSOSMetrics log group.";

    public const string RdsEnhancedMonitoringPolicyArn =
        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

    public static NagPackSuppression Suppress(string ruleId, string reason, params string[] appliesTo) =>
        appliesTo.Length == 0
            ? new() { Id = ruleId, Reason = reason }
            : new() { Id = ruleId, Reason = reason, AppliesTo = appliesTo };
}
