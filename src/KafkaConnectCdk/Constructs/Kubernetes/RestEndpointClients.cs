using Amazon.CDK.AWS.EC2;
using Constructs;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Constructs.Kubernetes;

/// <summary>
/// A security group for a caller of the Kafka Connect REST API (the registrar, the healer): no egress but the REST
/// port of the endpoint's group, which in turn admits this group and nothing else new.
/// </summary>
public static class RestEndpointClients
{
    public static SecurityGroup SecurityGroup(Construct scope, IVpc vpc, ISecurityGroup restEndpoint, string caller, string purpose)
    {
        var group = new SecurityGroup(scope, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = $"{caller}: {purpose}",
            AllowAllOutbound = false,
        });
        group.AddEgressRule(restEndpoint, Port.Tcp(ConnectClusterNames.RestPort), "Kafka Connect REST API");
        restEndpoint.AddIngressRule(group, Port.Tcp(ConnectClusterNames.RestPort), caller);
        return group;
    }
}
