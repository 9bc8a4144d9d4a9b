using Amazon.CDK.AWS.EC2;
using Constructs;

namespace KafkaConnectCdk.Constructs.Shared;

/// <summary>
/// The security group of a function that reaches one other group on one port (the registrar and the healer to the
/// Connect REST endpoint, the bootstrap to MySQL): egress only to that group and port, and the target's ingress rule
/// admitting this group, named after the caller.
/// </summary>
public static class SingleTargetSecurityGroup
{
    public static SecurityGroup Create(Construct scope, IVpc vpc, string caller, string purpose, ISecurityGroup target, int port, string targetName)
    {
        var group = new SecurityGroup(scope, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = $"{caller}: {purpose}",
            AllowAllOutbound = false,
        });
        group.AddEgressRule(target, Port.Tcp(port), targetName);
        target.AddIngressRule(group, Port.Tcp(port), caller);
        return group;
    }
}
