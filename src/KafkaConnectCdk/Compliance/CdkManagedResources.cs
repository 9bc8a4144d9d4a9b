using Amazon.CDK;
using Amazon.CDK.CustomResources;
using Constructs;

namespace KafkaConnectCdk.Compliance;

/// <summary>
/// Finds singleton resources aws-cdk-lib adds to a stack on our behalf, so that suppressions attach to the objects
/// themselves rather than to path strings.
/// </summary>
public static class CdkManagedResources
{
    /// <summary>The nested stacks aws-eks adds for the cluster resource and kubectl handlers.</summary>
    public static IReadOnlyList<IConstruct> EksProviders(Stack stack) =>
    [
        .. new[] { "@aws-cdk--aws-eks.ClusterResourceProvider", "@aws-cdk--aws-eks.KubectlProvider" }.Select(id =>
            stack.Node.TryFindChild(id) ?? throw new InvalidOperationException($"{stack.Node.Path} has no {id}: create the EKS cluster before suppressing its providers' findings.")),
    ];

    /// <summary>The Lambda function shared by every AwsCustomResource of the stack.</summary>
    public static IConstruct AwsCustomResourceProvider(Stack stack) =>
        // SingletonFunction's id: its purpose ("AWS") followed by the UUID without dashes.
        stack.Node.TryFindChild("AWS" + AwsCustomResource.PROVIDER_FUNCTION_UUID.Replace("-", "", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{stack.Node.Path} has no AwsCustomResource: create one before suppressing its handler's findings.");

    /// <summary>A singleton custom-resource provider aws-cdk-lib adds at the top of a stack (CustomResourceProvider).</summary>
    public static IConstruct StackSingleton(Stack stack, string id) =>
        stack.Node.TryFindChild(id) ?? throw new InvalidOperationException($"{stack.Node.Path} has no {id}.");

    /// <summary>aws-cdk-lib's Fn/JSON helper provider (CfnUtils), added when a JSON string holds deploy-time tokens.</summary>
    public const string CfnUtilsProvider = "AWSCDKCfnUtilsProviderCustomResourceProvider";

    /// <summary>The provider behind Vpc's restrictDefaultSecurityGroup.</summary>
    public const string RestrictDefaultSecurityGroupProvider = "Custom::VpcRestrictDefaultSGCustomResourceProvider";
}
