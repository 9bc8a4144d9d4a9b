using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
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
    public Function Add(string id, string handler, bool withSecretsExtension = false) => new(this, id, new FunctionProps
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
        Environment = new Dictionary<string, string> { ["INVOCATION_TIMEOUT_SECONDS"] = props.Timeout.ToSeconds().ToString(CultureInfo.InvariantCulture) },
    });
}
