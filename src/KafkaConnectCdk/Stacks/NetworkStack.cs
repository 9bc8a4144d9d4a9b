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

    /// <summary>The NAT gateways the environment runs (one per zone in production, see <see cref="EnvironmentConfig.NatGatewayCount"/>).</summary>
    public required int NatGateways { get; init; }
}

/// <summary>The VPC every other stack runs in.</summary>
public sealed class NetworkStack : PlatformStack
{
    public const string Component = "network";

    public NetworkStack(Construct scope, NetworkStackProps props) : base(scope, Component, props)
    {
        var network = new PlatformVpc(this, "Network", new PlatformVpcProps(
            NamePrefix: props.Identity.NamePrefix,
            Cidr: props.Network.Cidr,
            AvailabilityZones: props.Identity.AvailabilityZones,
            NatGateways: props.NatGateways,
            InterfaceEndpoints: props.Network.InterfaceEndpoints,
            FlowLogRetention: CloudWatchRetention.FromDays(props.Network.FlowLogRetentionDays),
            LogRemovalPolicy: props.Identity.Removal.Data));
        Vpc = network.Vpc;
        RestLoadBalancerSubnets = network.RestLoadBalancerSubnets;
        RestLoadBalancerSubnetCidrs = network.RestLoadBalancerSubnetCidrs;

        // Created here, before the stacks that admit it, so that MSK and the database reference it without a cycle.
        ConnectWorkersSecurityGroup = new SecurityGroup(this, "ConnectWorkers", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Kafka Connect workers: the clients MSK (9098) and the CDC database (3306) admit",
            AllowAllOutbound = true,
        });
    }

    public IVpc Vpc { get; }

    /// <summary>Subnets only the Connect REST load balancer uses (see <see cref="PlatformVpc.RestLoadBalancerSubnets"/>).</summary>
    public IReadOnlyList<ISubnet> RestLoadBalancerSubnets { get; }

    public IReadOnlyList<string> RestLoadBalancerSubnetCidrs { get; }

    /// <summary>The Kafka Connect workers' security group, attached to the Connect pods by the EKS stack.</summary>
    public ISecurityGroup ConnectWorkersSecurityGroup { get; }
}
