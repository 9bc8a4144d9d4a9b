using Constructs;
using Amazon.CDK;

namespace KafkaConnectCdk.Platform;

/// <summary>Props every platform stack receives: who it belongs to. Stack-specific props derive from it.</summary>
public class PlatformStackProps : StackProps
{
    public required EnvironmentIdentity Identity { get; init; }
}

/// <summary>Base of the platform's stacks: explicit name, account, region, tags and termination protection.</summary>
public abstract class PlatformStack : Stack
{
    protected PlatformStack(Construct scope, string component, PlatformStackProps props)
        : base(scope, EnvironmentIdentity.StackId(component), WithIdentity(component, props))
    {
        Identity = props.Identity;
        foreach (var (key, value) in props.Identity.Tags)
        {
            Amazon.CDK.Tags.Of(this).Add(key, value);
        }
    }

    public EnvironmentIdentity Identity { get; }

    /// <summary>The configured zones, so that synth never looks zones up in the account (no credentials needed).</summary>
    public override string[] AvailabilityZones => [.. Identity.AvailabilityZones];

    private static PlatformStackProps WithIdentity(string component, PlatformStackProps props)
    {
        props.StackName = props.Identity.StackName(component);
        props.Env = props.Identity.AwsEnvironment;
        props.TerminationProtection = props.Identity.Production;
        props.Description ??= $"KafkaConnectCdk {component} for environment {props.Identity.Name}";
        return props;
    }
}
