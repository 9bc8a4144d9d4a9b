using Amazon.CDK;
using Constructs;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Compliance;

/// <summary>One acknowledged Control Tower finding: the control, the construct it covers (and its children), and why.</summary>
public sealed record ControlTowerException(string ControlId, string Resource, IConstruct Scope, string Reason)
{
    /// <summary>The rule id CDK matches acknowledgements against: plugin namespace and guard rule name.</summary>
    public string RuleId => $"{ControlTowerCompliance.PluginName}::{ControlTowerCompliance.RuleName(ControlId)}";
}

/// <summary>
/// Every exception to AWS Control Tower's proactive controls, in one place: the control id, the resource and a specific
/// reason. Each is acknowledged on its construct (CDK's Validations.acknowledge), so it covers exactly that construct's
/// resources; a new resource breaking the same control fails the synthesis again. The same exceptions apply in every
/// environment, so that what a non-production environment still reports is what differs from production.
/// </summary>
public static class ControlTowerExceptions
{
    public const string CdkProviderLogGroups =
        "The log groups aws-eks and AwsCustomResource create for their own handlers take no encryption key in aws-cdk-lib; they hold the handlers' request logs (kubectl and API calls), never a secret value: manifests reference secrets by ARN.";

    public const string EksCreatesGrantsAsTheCreationRole =
        "EKS secrets encryption: eks:CreateCluster makes its KMS grant with the cluster creation role's credentials, and the condition kms:GrantIsForAWSResource is not supported for the CreateCluster action (EKS user guide, enable-kms; Control Tower CT.EKS.PR.2), so the deny-grant statement would make every cluster creation fail. The key is used only by this cluster (secrets, control-plane logs) and its key policy grants nothing else.";

    public const string FunctionsInVpcWithImportedSubnets =
        "In the VPC: VpcConfig names the private subnets and the function's own security group, but the subnet ids come from the network stack (Fn::ImportValue) or a nested-stack parameter, which the static rule cannot resolve; the deploy-time CloudFormation hook evaluates the resolved ids.";

    public const string CdkSingletonProvidersOutsideVpc =
        "aws-cdk-lib's singleton provider (CustomResourceProvider / AwsCustomResource) offers no VPC placement here; it calls only AWS APIs (EC2 to revoke the default group's rules, CFN utilities, kafka:GetBootstrapBrokers) and is reachable from nowhere. An account whose hook enforces CT.LAMBDA.PR.3 must exempt these handlers or the stacks fail to deploy there.";

    public const string DatabaseLogTypes =
        "error and slowquery are exported. The general log would copy every statement, with the literal row values of the CDC source (personal data), into CloudWatch; the audit log needs the MariaDB audit plugin option group, which this design does not install.";

    public const string DatabaseDefaultPort =
        "MySQL keeps 3306 (as for cdk-nag's AwsSolutions-RDS11): the instance sits in isolated subnets behind a group that admits only the platform's clients, so another port adds no protection, and every client (Debezium, the bootstrap, operators' tools) would have to carry it.";

    public const string PinnedEngineVersion =
        "Automatic minor upgrades stay off (issue 16): the template must name the running version, and CloudFormation's template validation in aws-cdk-lib accepts only a full EngineVersion (E9006 rejects \"8.4\"), so with automatic upgrades RDS would move the instance past the pinned version and a later change of engineVersion would name a version below the running one. Minor upgrades are deliberate: change database.engineVersion, deploy dev, then production.";

    public const string CdkWaiterLogging =
        "The waiter state machine of aws-eks' cluster-resource provider is built inside aws-cdk-lib's nested stack with no logging option; the provider's functions log to their own groups.";

    public const string WaiterTracing =
        "The Provider framework's waiter state machine has no tracing option in aws-cdk-lib; it only polls isComplete, whose outcome is logged (registrar waiter logs errors to its encrypted group).";

    public const string AccessLogTargetEncryption =
        "Server access logs: a log target bucket may not use SSE-KMS (Amazon S3 user guide, enabling server access logging: only SSE-S3 is supported on the destination bucket), so it is S3-managed (SSE-S3) and it does not log itself.";

    public const string AccessLogTargetObjectLock =
        "Object Lock on a server access log target blocks log delivery (Amazon S3 user guide, troubleshooting server access logging); the logs expire after a year.";

    public const string IcebergFilesAreDeleted =
        "Iceberg deletes the files its snapshots no longer reference (Glue retention and orphan-file optimizers); Object Lock would make every expiry fail. Versioning keeps deleted files recoverable for lakehouse.snapshotRetentionDays.";

    /// <summary>The exceptions of one environment's stacks.</summary>
    public static IReadOnlyList<ControlTowerException> For(PlatformStacks stacks)
    {
        var connect = stacks.Connect;
        var eksProviders = CdkManagedResources.EksProviders(connect);
        var exceptions = new List<ControlTowerException>();
        foreach (var provider in eksProviders)
        {
            exceptions.Add(new("CT.CLOUDWATCH.PR.3", "aws-eks provider nested stack log groups", provider, CdkProviderLogGroups));
            exceptions.Add(new("CT.LAMBDA.PR.3", "aws-eks provider nested stack functions (in the VPC)", provider, FunctionsInVpcWithImportedSubnets));
        }

        var clusterResourceProvider = eksProviders[0];
        exceptions.Add(new("CT.STEPFUNCTIONS.PR.1", "aws-eks cluster-resource provider waiter", clusterResourceProvider, CdkWaiterLogging));
        exceptions.Add(new("CT.STEPFUNCTIONS.PR.2", "aws-eks cluster-resource provider waiter", clusterResourceProvider, WaiterTracing));
        exceptions.Add(new("CT.STEPFUNCTIONS.PR.2", "connector registrar provider waiter", connect.Registration, WaiterTracing));

        exceptions.Add(new("CT.KMS.PR.3", "EKS secrets and control-plane log key", connect.Eks.SecretsKey, EksCreatesGrantsAsTheCreationRole));
        exceptions.Add(new("CT.LAMBDA.PR.3", "connector registrar functions and provider", connect.Registration, FunctionsInVpcWithImportedSubnets));
        exceptions.Add(new("CT.LAMBDA.PR.3", "connector healer function", connect.Healing, FunctionsInVpcWithImportedSubnets));
        exceptions.Add(new("CT.LAMBDA.PR.3", "connector operations function", connect.Operator, FunctionsInVpcWithImportedSubnets));
        exceptions.Add(new("CT.LAMBDA.PR.3", "database bootstrap functions and provider", stacks.Database.Readiness, FunctionsInVpcWithImportedSubnets));
        exceptions.Add(new("CT.LAMBDA.PR.3", "CfnUtils provider of the connect stack", CdkManagedResources.StackSingleton(connect, CdkManagedResources.CfnUtilsProvider), CdkSingletonProvidersOutsideVpc));
        exceptions.Add(new("CT.LAMBDA.PR.3", "default security group restriction provider", CdkManagedResources.StackSingleton(stacks.Network, CdkManagedResources.RestrictDefaultSecurityGroupProvider), CdkSingletonProvidersOutsideVpc));

        var mskProvider = CdkManagedResources.AwsCustomResourceProvider(stacks.Msk);
        exceptions.Add(new("CT.LAMBDA.PR.3", "AwsCustomResource provider of the MSK stack", mskProvider, CdkSingletonProvidersOutsideVpc));
        exceptions.Add(new("CT.CLOUDWATCH.PR.3", "AwsCustomResource provider log group of the MSK stack", mskProvider, CdkProviderLogGroups));

        var database = stacks.Database.Database.Instance;
        exceptions.Add(new("CT.RDS.PR.14", "CDC database instance", database, DatabaseLogTypes));
        exceptions.Add(new("CT.RDS.PR.20", "CDC database instance", database, DatabaseDefaultPort));
        exceptions.Add(new("CT.RDS.PR.5", "CDC database instance", database, PinnedEngineVersion));

        if (stacks.Lakehouse is { } lakehouse)
        {
            var accessLogs = lakehouse.Storage.AccessLogs;
            exceptions.Add(new("CT.S3.PR.10", "lakehouse access-log bucket", accessLogs, AccessLogTargetEncryption));
            exceptions.Add(new("CT.S3.PR.2", "lakehouse access-log bucket", accessLogs, AccessLogTargetEncryption));
            exceptions.Add(new("CT.S3.PR.9", "lakehouse access-log bucket", accessLogs, AccessLogTargetObjectLock));
            exceptions.Add(new("CT.S3.PR.9", "lakehouse bucket", lakehouse.Storage.Bucket, IcebergFilesAreDeleted));
            exceptions.Add(new("CT.LAMBDA.PR.3", "lakehouse Iceberg tables function and provider", lakehouse.Tables, FunctionsInVpcWithImportedSubnets));
        }

        return exceptions;
    }

    /// <summary>Acknowledges every exception on its construct.</summary>
    public static void Apply(PlatformStacks stacks)
    {
        foreach (var exception in For(stacks))
        {
            Validations.Of(exception.Scope).Acknowledge(new Acknowledgment
            {
                Id = exception.RuleId,
                Reason = $"{exception.ControlId} ({exception.Resource}): {exception.Reason}",
            });
        }
    }
}
