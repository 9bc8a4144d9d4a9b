using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SSM;
using Constructs;

namespace KafkaConnectCdk.Constructs.Shared;

/// <summary>
/// The one place that chooses the AWS Parameters and Secrets Lambda Extension layer. AWS publishes the current layer
/// version ARN of every region as the public Systems Manager parameters
/// <c>/aws/service/aws-parameters-and-secrets-lambda-extension/{arm64|x86}/latest</c>
/// (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html lists the same ARNs
/// per region and architecture, and lags behind them). The stack reads it as an <c>AWS::SSM::Parameter::Value&lt;String&gt;</c>
/// parameter, which CloudFormation resolves on every deployment: the layer is the current one for the stack's region and
/// the function's architecture, never the 2023 version 4 that aws-cdk-lib's ParamsAndSecretsVersions.V1_0_103 names.
/// </summary>
public static class ParamsAndSecretsExtension
{
    public const string ParameterPrefix = "/aws/service/aws-parameters-and-secrets-lambda-extension";

    /// <summary>The public parameter holding the latest layer ARN for an architecture.</summary>
    public static string LatestParameter(Architecture architecture) =>
        $"{ParameterPrefix}/{(architecture.Name == Architecture.ARM_64.Name ? "arm64" : "x86")}/latest";

    public static ParamsAndSecretsLayerVersion Layer(Construct scope, Architecture architecture) =>
        ParamsAndSecretsLayerVersion.FromVersionArn(StringParameter.ValueForStringParameter(scope, LatestParameter(architecture)));
}
