using KafkaConnectCdk.Compliance;
using Cdklabs.CdkNag;
using KafkaConnectCdk.Contracts;
using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.CustomResources;
using Constructs;

namespace KafkaConnectCdk.Constructs.Shared;

public sealed record DotnetVpcFunctionsProps(string Purpose, string Project, IVpc Vpc, ISecurityGroup SecurityGroup, Duration Timeout, RetentionDays LogRetention);

/// <summary>
/// The C# custom-resource handlers of this app: dotnet10 on arm64, published from a project of this repository, in the
/// private subnets behind their own security group, logging JSON to one KMS-encrypted log group with retention, and
/// told their timeout (INVOCATION_TIMEOUT_SECONDS) because the runtime without Amazon.Lambda.Core cannot ask for it.
/// </summary>
public sealed class DotnetVpcFunctions : Construct
{
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    public static readonly Architecture FunctionArchitecture = Architecture.ARM_64;

    private readonly DotnetVpcFunctionsProps props;
    private readonly Code code;

    public DotnetVpcFunctions(Construct scope, string id, DotnetVpcFunctionsProps props) : base(scope, id)
    {
        this.props = props;
        var key = RotatingKeys.Create(this, "LogKey", $"Encrypts the logs of the {props.Purpose}", RemovalPolicy.RETAIN, encryptsLogs: true);
        Logs = new LogGroup(this, "Logs", new LogGroupProps { EncryptionKey = key, Retention = props.LogRetention, RemovalPolicy = RemovalPolicy.DESTROY });
        code = DotnetLambdaCode.FromProject(props.Project);
    }

    public LogGroup Logs { get; }

    /// <summary>A function whose handler is <c>Assembly::Namespace.Class::Method</c> in the project.</summary>
    /// <param name="id">Construct id.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="withSecretsExtension">Whether the function reads secrets through the Parameters and Secrets extension (<see cref="ParamsAndSecretsExtension"/>).</param>
    public Function Add(string id, string handler, bool withSecretsExtension = false)
    {
        var function = new Function(this, id, new FunctionProps
        {
        Description = $"{props.Purpose} ({handler.Split("::")[^1]})",
        Runtime = Dotnet10,
        Architecture = FunctionArchitecture,
        Handler = handler,
        Code = code,
        MemorySize = 512,
        Timeout = props.Timeout,
        Vpc = props.Vpc,
        VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
        SecurityGroups = [props.SecurityGroup],
        LogGroup = Logs,
        ParamsAndSecrets = withSecretsExtension ? ParamsAndSecretsExtension.Layer(this, FunctionArchitecture) : null,
        Environment = new Dictionary<string, string> { [InvocationEnvironment.TimeoutSeconds] = props.Timeout.ToSeconds().ToString(CultureInfo.InvariantCulture) },
        });
        NagSuppressions.AddResourceSuppressions(function, [NagSuppression.LambdaManagedPolicies], applyToChildren: true);
        return function;
    }

    /// <summary>
    /// The Provider framework in front of these handlers, in the same private subnets (Control Tower CT.LAMBDA.PR.3)
    /// behind a group that only allows HTTPS out (the framework calls the Lambda and Step Functions APIs and answers
    /// CloudFormation's pre-signed S3 URL), logging to the handlers' encrypted log group; with an isComplete handler,
    /// the waiter state machine logs errors there too (CT.STEPFUNCTIONS.PR.1), without execution data.
    /// </summary>
    /// <remarks>
    /// Created in <paramref name="scope"/> (the construct that owns the custom resources), not here: the framework's
    /// function ARN is the resources' ServiceToken, which CloudFormation does not let an update change.
    /// </remarks>
    public Provider AddProvider(Construct scope, string id, Function onEvent, Function? isComplete = null, Duration? queryInterval = null, Duration? totalTimeout = null)
    {
        var frameworkGroup = new SecurityGroup(scope, $"{id}FrameworkSecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = $"{props.Purpose}: custom-resource framework functions, HTTPS out only",
            AllowAllOutbound = false,
        });
        frameworkGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "Lambda, Step Functions and the CloudFormation response URL");
        var provider = new Provider(scope, id, new ProviderProps
        {
            OnEventHandler = onEvent,
            IsCompleteHandler = isComplete,
            QueryInterval = queryInterval,
            TotalTimeout = totalTimeout,
            LogGroup = Logs,
            Vpc = props.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroups = [frameworkGroup],
            // aws-cdk-lib leaves the waiter's logging off unless told (provider.js@2.277: disableWaiterStateMachineLogging ?? true).
            DisableWaiterStateMachineLogging = isComplete is null ? null : false,
            WaiterStateMachineLogOptions = isComplete is null ? null : new Amazon.CDK.CustomResources.LogOptions
            {
                Destination = Logs,
                Level = LogLevel.ERROR,
                IncludeExecutionData = false,
            },
        });

        // What aws-cdk-lib's Provider framework generates: its functions' runtime and managed policies, the invoke
        // wildcard on the handlers' versions and, with isComplete, the waiter state machine.
        var suppressions = new List<NagSuppression>
        {
            NagSuppression.ProviderFrameworkManagedPolicies,
            NagSuppression.ProviderFrameworkInvoke,
            NagSuppression.ProviderFrameworkRuntime,
        };
        if (isComplete is not null)
        {
            suppressions.Add(NagSuppression.ProviderWaiterLogsErrorsOnly);
            suppressions.Add(NagSuppression.ProviderWaiterUntraced);
        }

        NagSuppressions.AddResourceSuppressions(provider, suppressions, applyToChildren: true);
        return provider;
    }
}
