using System.Reflection;
using Cdklabs.CdkNag;
using Constructs;

namespace KafkaConnectCdk.Compliance;

/// <summary>
/// One reason this app gives cdk-nag, bound to the one AwsSolutions rule it answers, so a reason cannot be used for
/// another rule. A reviewer reads every justification here; each construct applies the values for what it creates.
/// </summary>
/// <remarks>
/// Rule ids are cdk-nag 2.38.2's (lib/packs/aws-solutions.js, ruleSuffixOverride): IAM4 AWS managed policies, IAM5
/// wildcard permissions, L1 latest Lambda runtime, SF1 Step Functions logging ALL events, SF2 Step Functions X-Ray,
/// RDS3 multi-AZ, RDS10 deletion protection, RDS11 default port, SMG4 secret rotation, S1 S3 server access logs,
/// CB5 custom CodeBuild image. NagSuppressionTests checks each against the package.
/// </remarks>
public sealed class NagSuppression
{
    private const string ResourceStar = "Resource::*";

    private NagSuppression(string ruleId, string reason, IReadOnlyList<object>? findings = null)
    {
        RuleId = ruleId;
        Reason = reason;
        Findings = findings ?? [];
    }

    /// <summary>The AwsSolutions rule, e.g. <c>AwsSolutions-IAM5</c>.</summary>
    public string RuleId { get; }

    public string Reason { get; }

    /// <summary>The findings of a granular rule (IAM4, IAM5) this suppression is narrowed to; empty: all of them.</summary>
    public IReadOnlyList<object> Findings { get; }

    /// <summary>
    /// The rules used here whose findings are named (Policy::ARN, Resource::ARN): cdk-nag matches appliesTo against a
    /// finding's name only, so on any other rule a narrowed suppression would silently never apply
    /// (lib/utils/nag-suppression-helper.js doesApply).
    /// </summary>
    public static IReadOnlySet<string> GranularRules { get; } = new HashSet<string>(StringComparer.Ordinal) { "AwsSolutions-IAM4", "AwsSolutions-IAM5" };

    /// <summary>Narrows the suppression to these findings (cdk-nag's appliesTo), e.g. <c>Resource::*</c>.</summary>
    public NagSuppression AppliesTo(params IEnumerable<string> findingIds) => Narrowed([.. findingIds]);

    /// <summary>Narrows the suppression to the findings a pattern matches, written <c>/^...$/</c> as cdk-nag expects.</summary>
    public NagSuppression AppliesTo(params IEnumerable<RegexAppliesTo> patterns) => Narrowed([.. patterns]);

    private NagSuppression Narrowed(IReadOnlyList<object> more)
    {
        if (!GranularRules.Contains(RuleId))
        {
            throw new InvalidOperationException($"{RuleId} reports no named findings, so AppliesTo would keep the suppression from ever applying: suppress the rule without AppliesTo (only {string.Join(", ", GranularRules)} name their findings).");
        }

        if (more.Count == 0)
        {
            throw new ArgumentException($"{RuleId}: AppliesTo needs at least one finding or pattern; without one, leave AppliesTo out to suppress every finding.", nameof(more));
        }

        return new(RuleId, Reason, [.. Findings, .. more]);
    }

    public NagPackSuppression ToNag() =>
        Findings.Count == 0
            ? new() { Id = RuleId, Reason = Reason }
            : new() { Id = RuleId, Reason = Reason, AppliesTo = [.. Findings] };

    private static NagSuppression ManagedPolicies(string reason) => new("AwsSolutions-IAM4", reason);

    private static NagSuppression Wildcards(string reason) => new("AwsSolutions-IAM5", reason);

    private static NagSuppression LatestRuntime(string reason) => new("AwsSolutions-L1", reason);

    private static NagSuppression StateMachineLogsAll(string reason) => new("AwsSolutions-SF1", reason);

    private static NagSuppression StateMachineTracing(string reason) => new("AwsSolutions-SF2", reason);

    private static string ManagedPolicy(string name) => $"Policy::arn:<AWS::Partition>:iam::aws:policy/{name}";

    private static readonly string[] LambdaExecutionPolicies =
        [ManagedPolicy("service-role/AWSLambdaBasicExecutionRole"), ManagedPolicy("service-role/AWSLambdaVPCAccessExecutionRole")];

    // aws-cdk-lib's singleton AwsCustomResource handler (MSK bootstrap brokers).

    public static NagSuppression CdkSingletonBasicExecutionRole { get; } = ManagedPolicies(
        "aws-cdk-lib's singleton custom-resource handler uses AWSLambdaBasicExecutionRole only to write its own CloudWatch logs; its API permissions are separate, scoped statements.")
        .AppliesTo(ManagedPolicy("service-role/AWSLambdaBasicExecutionRole"));

    public static NagSuppression CdkSingletonRuntime { get; } = LatestRuntime(
        "The Node.js runtime of aws-cdk-lib's singleton custom-resource handler is chosen and upgraded with aws-cdk-lib, not by this app.");

    public static NagSuppression GetBootstrapBrokersUnscoped { get; } = Wildcards(
        "kafka:GetBootstrapBrokers has no resource type in the Service Authorization Reference, so it can only be granted on *; it is read-only and the only action of this policy.")
        .AppliesTo(ResourceStar);

    // The database.

    public static NagSuppression DatabaseDefaultPort { get; } = new("AwsSolutions-RDS11",
        "MySQL keeps its standard port 3306: the instance sits in isolated subnets behind a security group that admits only the platform's clients, so a different port would add no protection.");

    public static NagSuppression SingleAzByConfiguration { get; } = new("AwsSolutions-RDS3",
        "This non-production environment runs the database without a standby by configuration (database.multiAz); validation forbids that in production.");

    public static NagSuppression DeletionProtectionOutsideProduction { get; } = new("AwsSolutions-RDS10",
        "Deletion protection is on in production only; other environments are meant to be torn down with their stacks.");

    public static NagSuppression RdsEnhancedMonitoringPolicy { get; } = ManagedPolicies(
        "AmazonRDSEnhancedMonitoringRole is the AWS-maintained policy RDS requires for enhanced monitoring; it only lets RDS write OS metrics to the RDSOSMetrics log group.")
        .AppliesTo(ManagedPolicy("service-role/AmazonRDSEnhancedMonitoringRole"));

    public static NagSuppression ConnectorSecretNotRotated { get; } = new("AwsSolutions-SMG4",
        "The connector user's password is set by the database bootstrap and read by the running workers through the CSI mount; an automatic rotation would cut live connectors off, so it is rotated by redeploying (docs/operations.md).");

    // The EKS cluster: what aws-eks generates (its nested provider stacks, roles, the ALB controller) and the agent.

    public static NagSuppression EksProviderRuntimes { get; } = LatestRuntime(
        "The runtimes of aws-cdk-lib's EKS cluster and kubectl provider functions (nested stacks: Node.js handlers and framework, the Python kubectl handler) are chosen by the aws-eks module and upgraded with aws-cdk-lib, not by this app.");

    public static NagSuppression EksProviderManagedPolicies { get; } = ManagedPolicies(
        "aws-cdk-lib's EKS cluster and kubectl provider functions (nested stacks) run in the VPC and get AWSLambdaBasicExecutionRole for their logs and AWSLambdaVPCAccessExecutionRole for their network interfaces from the aws-eks module.")
        .AppliesTo(LambdaExecutionPolicies);

    public static NagSuppression EksProviderWildcards { get; } = Wildcards(
        "The Provider framework inside aws-cdk-lib's EKS cluster and kubectl providers (nested stacks) invokes its handlers and their versions (function:NAME:*), and its waiter state machine the framework's own functions, as aws-eks generates them.");

    public static NagSuppression EksProviderWaiterLogging { get; } = StateMachineLogsAll(
        "aws-eks's cluster resource provider creates its waiter state machine with logging disabled (cluster-resource-provider.js: disableLogging ?? true) and exposes no option to change it; it only re-invokes the provider's isComplete handler.");

    public static NagSuppression EksProviderWaiterTracing { get; } = StateMachineTracing(
        "The waiter state machine of aws-eks's cluster resource provider is generated by aws-cdk-lib without X-Ray tracing and with no option to enable it; it only re-invokes the provider's isComplete handler.");

    public static NagSuppression CdkEksClusterCreationRole { get; } = Wildcards(
        "The aws-eks cluster creation role needs eks:* on this cluster's own ARN patterns (cluster/NAME/*, fargateprofile/NAME/*) and iam:PassRole/ec2 describe calls without resource-level permissions while it creates and updates the cluster.");

    /// <summary>Narrow with <see cref="AppliesTo(IEnumerable{string})"/> to the policies the cluster attaches.</summary>
    public static NagSuppression EksServiceManagedPolicies { get; } = ManagedPolicies(
        "EKS requires these AWS-managed policies on the cluster, node and kubectl roles (AmazonEKSClusterPolicy, AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, ECR read/pull, Lambda basic and VPC access); AWS keeps them in step with the service.");

    public static NagSuppression AlbControllerPolicy { get; } = Wildcards(
        "The AWS Load Balancer Controller's IAM policy is the controller project's published policy, vendored by aws-cdk-lib; it must create and tag load balancers, target groups and security groups whose names it chooses at run time.");

    public static NagSuppression CloudWatchAgentPolicy { get; } = ManagedPolicies(
        "CloudWatchAgentServerPolicy is the policy AWS publishes for the Container Insights agent (put metrics and logs, describe the instances it runs on); it is bound to the agent's service account only.")
        .AppliesTo(ManagedPolicy("CloudWatchAgentServerPolicy"));

    // The Connect workers' role: each wildcard is narrowed at the call site to the prefix the grant owns.

    public static NagSuppression ConnectorTopicWildcard { get; } = Wildcards(
        "Debezium creates one topic per captured table under the connector's topic prefix (prefix.database.table): the grant covers exactly that prefix on this cluster.");

    public static NagSuppression IcebergSinkKafkaWildcard { get; } = Wildcards(
        "The Apache Iceberg sink names each worker's control group and each producer's transactional id with a UUID it generates at run time (apache/iceberg 1.11.0 channel/Worker.java, channel/Channel.java): the grant covers exactly the sink's own prefix on this cluster.");

    public static NagSuppression IcebergSinkTableFilesWildcard { get; } = Wildcards(
        "The Apache Iceberg sink writes data and metadata files with generated names under its changelog table's location (S3FileIO): the grant covers that one table's prefix of the lakehouse bucket.");

    public static NagSuppression GlueSchemaWildcard { get; } = Wildcards(
        "The Glue converters auto-register one schema per topic: the grant covers the schemas of this registry only (schema/REGISTRY/*).");

    public static NagSuppression GlueGetSchemaVersionUnscoped { get; } = Wildcards(
        "glue:GetSchemaVersion looks schemas up by version id and does not support resource-level permissions (awslabs/aws-glue-schema-registry#68, #151); it is the only action granted on *.")
        .AppliesTo(ResourceStar);

    // The lakehouse.

    public static NagSuppression LakehouseTablePrefixes { get; } = Wildcards(
        "The role reads and writes the Iceberg tables' files under the lakehouse bucket's warehouse/ prefix (object names are chosen by Iceberg), and updates only this environment's Glue database and its tables (table/DATABASE/*).");

    public static NagSuppression IcebergTablesFunctionScope { get; } = Wildcards(
        "The Iceberg tables function creates and alters only this environment's Glue database's tables (table/DATABASE/*) through Athena, which writes their metadata under the warehouse/ prefix and the results under athena-results/ (object names chosen by Iceberg and Athena) with the lakehouse key (the grants' kms:GenerateDataKey*/ReEncrypt* and s3 Get*/List*/Abort* action groups); the Provider framework invokes the function's versions (function:NAME:*), a pattern aws-cdk-lib generates.");

    public static NagSuppression GlueOptimizerLogGroups { get; } = Wildcards(
        "Glue's table optimizers write their run logs to log groups and streams that Glue names (/aws-glue/iceberg-*/logs:*), as the Glue table-optimization prerequisites prescribe.")
        .AppliesTo(new RegexAppliesTo { Regex = "/^Resource::arn:.*:logs:.*:log-group:\\/aws-glue\\/iceberg-.*$/" });

    public static NagSuppression StepFunctionsLogDelivery { get; } = Wildcards(
        "Step Functions delivers execution logs through CloudWatch Logs' vended log delivery, whose actions (logs:CreateLogDelivery, PutResourcePolicy, Describe*) have no resource-level permissions.")
        .AppliesTo(ResourceStar);

    // This app's C# functions and the Provider framework in front of them (DotnetVpcFunctions).

    public static NagSuppression LambdaManagedPolicies { get; } = ManagedPolicies(
        "This app's C# functions run in the VPC: AWSLambdaVPCAccessExecutionRole manages their network interfaces and AWSLambdaBasicExecutionRole writes their logs; every other AWS call they make is a separate, scoped statement.")
        .AppliesTo(LambdaExecutionPolicies);

    public static NagSuppression ProviderFrameworkManagedPolicies { get; } = ManagedPolicies(
        "The CDK Provider framework's functions run in the VPC beside this app's handlers: aws-cdk-lib gives them AWSLambdaVPCAccessExecutionRole for their network interfaces and AWSLambdaBasicExecutionRole for their logs.")
        .AppliesTo(LambdaExecutionPolicies);

    public static NagSuppression ProviderFrameworkInvoke { get; } = Wildcards(
        "The CDK Provider framework's functions invoke this app's handlers and their versions (function:NAME:*), and its waiter state machine the framework's own functions likewise, a pattern aws-cdk-lib generates (provider-framework/provider.js, waiter-state-machine.js grantInvoke).");

    public static NagSuppression ProviderFrameworkRuntime { get; } = LatestRuntime(
        "The Node.js runtime of the CDK Provider framework's own functions is chosen and upgraded with aws-cdk-lib; the handlers themselves run on dotnet10.");

    public static NagSuppression ProviderWaiterLogsErrorsOnly { get; } = StateMachineLogsAll(
        "The Provider framework's waiter state machine logs errors only (level ERROR, no execution data) to the handlers' encrypted log group: it only re-invokes isComplete on a timer, and the handlers' own JSON logs record every step.");

    public static NagSuppression ProviderWaiterUntraced { get; } = StateMachineTracing(
        "aws-cdk-lib's Provider framework offers no X-Ray tracing for its waiter state machine (waiter-state-machine.js sets only the definition, role and logging); it only re-invokes isComplete on a timer, whose steps the handlers' logs record.");

    // The delivery pipeline (CDK Pipelines).

    public static NagSuppression PipelineGeneratedPolicies { get; } = Wildcards(
        "CDK Pipelines generates these policies: artifact bucket object access (bucket/*), CodeBuild report groups and log streams of its own projects, and sts:AssumeRole on the bootstrap roles (cdk-*-deploy/file-publishing/image-publishing) of the target accounts.");

    public static NagSuppression PipelineArtifactBucketLogging { get; } = new("AwsSolutions-S1",
        "The pipeline's artifact bucket holds build intermediates only; it is KMS-encrypted, private and versioned, and access is audited through the tooling account's CloudTrail rather than server access logs.");

    public static NagSuppression PipelineSynthImage { get; } = new("AwsSolutions-CB5",
        "The synth step runs in Microsoft's .NET 10 SDK image (the README's commands need the .NET 10 SDK, which CodeBuild's curated images do not carry); the same image runs the GitLab CI jobs.");

    /// <summary>Every named suppression, by name, for the tests that check them against cdk-nag.</summary>
    /// <remarks>Read on demand: static initializers run in textual order, so a field here would see nulls.</remarks>
    public static IReadOnlyDictionary<string, NagSuppression> All => typeof(NagSuppression)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(property => property.PropertyType == typeof(NagSuppression))
        .ToDictionary(property => property.Name, property => (NagSuppression)property.GetValue(null)!);

    public override string ToString() => $"{RuleId}: {Reason}";
}

/// <summary>Lets a construct apply <see cref="NagSuppression"/> values through cdk-nag's own entry point.</summary>
public static class NagSuppressionsExtensions
{
    extension(NagSuppressions)
    {
        public static void AddResourceSuppressions(IConstruct construct, IEnumerable<NagSuppression> suppressions, bool applyToChildren = false) =>
            NagSuppressions.AddResourceSuppressions(construct, [.. suppressions.Select(suppression => suppression.ToNag())], applyToChildren);
    }
}
