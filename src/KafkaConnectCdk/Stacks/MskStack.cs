using Amazon.CDK.AWS.EC2;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Msk;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stacks;

public sealed class MskStackProps : PlatformStackProps
{
    public required IVpc Vpc { get; init; }

    public required MskConfig Msk { get; init; }

    /// <summary>Security groups of the Kafka clients MSK admits on 9098.</summary>
    public required IReadOnlyList<ISecurityGroup> ClientSecurityGroups { get; init; }
}

/// <summary>The Kafka cluster the connectors write change events to.</summary>
public sealed class MskStack : PlatformStack
{
    public const string Component = "msk";

    public MskStack(Construct scope, MskStackProps props) : base(scope, Component, props)
    {
        Kafka = new MskCluster(this, "Kafka", new MskClusterProps(
            ClusterName: props.Identity.NamePrefix,
            Vpc: props.Vpc,
            Msk: props.Msk,
            ClientSecurityGroups: props.ClientSecurityGroups,
            LogRemovalPolicy: props.Identity.Removal.Data));
    }

    public MskCluster Kafka { get; }
}
