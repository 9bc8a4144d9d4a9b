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
                new SubnetConfiguration { Name = "Public", SubnetType = SubnetType.PUBLIC, CidrMask = prefix + PublicAndIsolatedMaskOffset },
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

    public IKey FlowLogKey { get; }

    public ILogGroup FlowLogGroup { get; }
}
