using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Network;

public sealed record PlatformVpcProps(
    string NamePrefix,
    string Cidr,
    IReadOnlyList<string> AvailabilityZones,
    int NatGateways,
    bool InterfaceEndpoints,
    RetentionDays FlowLogRetention,
    RemovalPolicy LogRemovalPolicy);

/// <summary>
/// The platform's VPC: public, private-with-egress and isolated subnets in every zone, flow logs to an encrypted log
/// group, S3 and DynamoDB gateway endpoints, optional interface endpoints, and a default security group with no rules.
/// </summary>
public sealed class PlatformVpc : Construct
{
    /// <summary>
    /// Subnet masks relative to the VPC prefix: private subnets hold the EKS pods (VPC CNI gives every pod an address),
    /// so they get the most space. For a /16: private /19, public /20, isolated /20 per zone; for a /24: /27, /28, /28.
    /// Three zones use 3/8 + 3/16 + 3/16 = 3/4 of the block, leaving room to add subnets later.
    /// </summary>
    private const int PrivateMaskOffset = 3;
    private const int PublicAndIsolatedMaskOffset = 4;

    /// <summary>Services the platform calls from private subnets: image pulls, IRSA, logs, secrets and the schema registry.</summary>
    public static readonly IReadOnlyList<(string Id, InterfaceVpcEndpointAwsService Service)> InterfaceEndpointServices =
    [
        ("EcrApi", InterfaceVpcEndpointAwsService.ECR),
        ("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER),
        ("Sts", InterfaceVpcEndpointAwsService.STS),
        ("CloudWatchLogs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS),
        ("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER),
        ("Glue", InterfaceVpcEndpointAwsService.GLUE),
    ];

    public PlatformVpc(Construct scope, string id, PlatformVpcProps props) : base(scope, id)
    {
        var prefix = int.Parse(props.Cidr.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);

        FlowLogKey = RotatingKeys.Create(this, "FlowLogKey", $"Encrypts the VPC flow logs of {props.NamePrefix}", props.LogRemovalPolicy, encryptsLogs: true);

        FlowLogGroup = new LogGroup(this, "FlowLogGroup", new LogGroupProps
        {
            EncryptionKey = FlowLogKey,
            Retention = props.FlowLogRetention,
            RemovalPolicy = props.LogRemovalPolicy,
        });

        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            VpcName = props.NamePrefix,
            IpAddresses = IpAddresses.Cidr(props.Cidr),
            AvailabilityZones = [.. props.AvailabilityZones],
            NatGateways = props.NatGateways,
            RestrictDefaultSecurityGroup = true,
            SubnetConfiguration =
            [
                // Only the NAT gateways live here, on Elastic IPs: nothing launched in them gets a public address
                // (Control Tower CT.EC2.PR.11).
                new SubnetConfiguration { Name = "Public", SubnetType = SubnetType.PUBLIC, CidrMask = prefix + PublicAndIsolatedMaskOffset, MapPublicIpOnLaunch = false },
                new SubnetConfiguration { Name = "Private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = prefix + PrivateMaskOffset },
                new SubnetConfiguration { Name = "Isolated", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = prefix + PublicAndIsolatedMaskOffset },
            ],
            FlowLogs = new Dictionary<string, IFlowLogOptions>
            {
                ["AllTraffic"] = new FlowLogOptions
                {
                    Destination = FlowLogDestination.ToCloudWatchLogs(FlowLogGroup),
                    TrafficType = FlowLogTrafficType.ALL,
                },
            },
            GatewayEndpoints = new Dictionary<string, IGatewayVpcEndpointOptions>
            {
                ["S3"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 },
                // The connector healer's memory; gateway endpoints cost nothing and keep the traffic off the NAT.
                ["DynamoDb"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB },
            },
        });

        RestLoadBalancerSubnetCidrs = RestLoadBalancerCidrs(props.Cidr, props.AvailabilityZones.Count);
        RestLoadBalancerSubnets =
        [
            .. props.AvailabilityZones.Select((zone, index) =>
            {
                var subnet = new PrivateSubnet(this, $"RestLoadBalancerSubnet{index + 1}", new PrivateSubnetProps
                {
                    VpcId = Vpc.VpcId,
                    AvailabilityZone = zone,
                    CidrBlock = RestLoadBalancerSubnetCidrs[index],
                    MapPublicIpOnLaunch = false,
                });
                Tags.Of(subnet).Add("Name", $"{props.NamePrefix}-connect-rest-lb-{zone}");
                return (ISubnet)subnet;
            }),
        ];

        if (props.InterfaceEndpoints)
        {
            // One group for all endpoints, admitting HTTPS from the VPC's literal CIDR (a token would hide it from cdk-nag).
            var endpointSecurityGroup = new SecurityGroup(this, "EndpointSecurityGroup", new SecurityGroupProps
            {
                Vpc = Vpc,
                Description = "HTTPS from inside the VPC to the AWS service interface endpoints",
                AllowAllOutbound = false,
            });
            endpointSecurityGroup.AddIngressRule(Peer.Ipv4(props.Cidr), Port.Tcp(443), "HTTPS from the VPC");
            foreach (var (endpointId, service) in InterfaceEndpointServices)
            {
                Vpc.AddInterfaceEndpoint(endpointId, new InterfaceVpcEndpointOptions
                {
                    Service = service,
                    Subnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
                    PrivateDnsEnabled = true,
                    Open = false,
                    SecurityGroups = [endpointSecurityGroup],
                });
            }
        }
    }

    public IVpc Vpc { get; }

    /// <summary>
    /// The subnets of the internal NLB in front of the Connect REST API, one /28 per zone at the top of the VPC block
    /// (the subnet groups above use its first three quarters). No pod, node or function is placed in them: they are not
    /// subnets of the Vpc construct, so no SubnetType selection returns them. The Connect pods' NetworkPolicy admits
    /// the REST port from exactly these CIDRs, which therefore hold only the load balancer's own addresses.
    /// </summary>
    public IReadOnlyList<ISubnet> RestLoadBalancerSubnets { get; }

    public IReadOnlyList<string> RestLoadBalancerSubnetCidrs { get; }

    /// <summary>Mask of a REST load balancer subnet: an NLB needs at least 8 free addresses per subnet (a /28 has 11).</summary>
    public const int RestLoadBalancerSubnetMask = 28;

    /// <summary>The last <paramref name="zones"/> /28 blocks of <paramref name="vpcCidr"/>, in zone order.</summary>
    public static IReadOnlyList<string> RestLoadBalancerCidrs(string vpcCidr, int zones)
    {
        var parts = vpcCidr.Split('/');
        var prefix = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var octets = parts[0].Split('.').Select(octet => uint.Parse(octet, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var network = (octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3];
        var end = network + (1u << (32 - prefix));
        const uint blockSize = 1u << (32 - RestLoadBalancerSubnetMask);
        return
        [
            .. Enumerable.Range(0, zones).Select(zone =>
            {
                var start = end - (uint)(zones - zone) * blockSize;
                return $"{start >> 24}.{(start >> 16) & 255}.{(start >> 8) & 255}.{start & 255}/{RestLoadBalancerSubnetMask}";
            }),
        ];
    }

    public IKey FlowLogKey { get; }

    public ILogGroup FlowLogGroup { get; }
}
