using Amazon.CDK.AWS.EC2;
using KafkaConnectCdk.Constructs.Shared;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Network;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stacks;

public sealed class NetworkStackProps : PlatformStackProps
{
    public required NetworkConfig Network { get; init; }
}

/// <summary>The VPC every other stack runs in.</summary>
public sealed class NetworkStack : PlatformStack
{
    public const string Component = "network";

    public NetworkStack(Construct scope, NetworkStackProps props) : base(scope, Component, props)
    {
        var environment = props.Identity.Environment;
        var network = new PlatformVpc(this, "Network", new PlatformVpcProps(
            NamePrefix: props.Identity.NamePrefix,
            Cidr: props.Network.Cidr,
            AvailabilityZones: environment.AvailabilityZoneNames,
            NatGateways: environment.NatGatewayCount,
            InterfaceEndpoints: props.Network.InterfaceEndpoints,
            FlowLogRetention: LogRetention.FromDays(props.Network.FlowLogRetentionDays),
            LogRemovalPolicy: props.Identity.StatefulRemovalPolicy));
        Vpc = network.Vpc;
    }

    public IVpc Vpc { get; }
}
