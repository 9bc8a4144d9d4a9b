using Amazon.CDK;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Platform;

/// <summary>Names, AWS environment and tags every stack of one platform environment shares.</summary>
public sealed record EnvironmentIdentity(string Project, EnvironmentConfig Environment)
{
    /// <summary>Prefix of physical names, e.g. <c>kcc-dev</c>.</summary>
    public string NamePrefix => $"{Project}-{Environment.Name}";

    /// <summary>The construct id of a component's stack, under the environment's scope (see <see cref="PlatformApp"/>).</summary>
    public static string StackId(string component) => component;

    /// <summary>The CloudFormation stack name; explicit so that both delivery shapes deploy the same stacks.</summary>
    public string StackName(string component) => $"{NamePrefix}-{component}";

    public Amazon.CDK.Environment AwsEnvironment => new() { Account = Environment.Account, Region = Environment.Region };

    /// <summary>Stateful resources survive stack deletion in production and are cleaned up elsewhere.</summary>
    public RemovalPolicy StatefulRemovalPolicy => Environment.Production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    public IReadOnlyDictionary<string, string> Tags =>
        new Dictionary<string, string>(Environment.Tags) { ["Project"] = Project, ["Environment"] = Environment.Name };
}
