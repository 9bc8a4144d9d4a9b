using Amazon.CDK;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Platform;

/// <summary>
/// What every stack of one platform environment shares: its names, AWS account and region, zones, tags and removal
/// policies. Not its configuration: each stack receives the sections it builds from as props.
/// </summary>
public sealed record EnvironmentIdentity(
    string Project,
    string Name,
    string Account,
    string Region,
    bool Production,
    IReadOnlyList<string> AvailabilityZones,
    IReadOnlyDictionary<string, string> EnvironmentTags)
{
    public static EnvironmentIdentity Of(string project, EnvironmentConfig environment) => new(
        project,
        environment.Name,
        environment.Account,
        environment.Region,
        environment.Production,
        environment.AvailabilityZoneNames,
        environment.Tags);

    /// <summary>Prefix of physical names, e.g. <c>kcc-dev</c>.</summary>
    public string NamePrefix => $"{Project}-{Name}";

    /// <summary>The construct id of a component's stack, under the environment's scope (see <see cref="PlatformApp"/>).</summary>
    public static string StackId(string component) => component;

    /// <summary>The CloudFormation stack name; explicit so that both delivery shapes deploy the same stacks.</summary>
    public string StackName(string component) => $"{NamePrefix}-{component}";

    public Amazon.CDK.Environment AwsEnvironment => new() { Account = Account, Region = Region };

    public StatefulRemovalPolicies Removal => StatefulRemovalPolicies.For(Production);

    public IReadOnlyDictionary<string, string> Tags =>
        new Dictionary<string, string>(EnvironmentTags) { ["Project"] = Project, ["Environment"] = Name };
}
