using System.Net;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    public const int MinimumCidrPrefix = 16;
    public const int MaximumCidrPrefix = 24;
    public const int ProductionAvailabilityZones = 3;

    private static void ValidateNetwork(EnvironmentConfig environment, string path, bool regionIsValid, List<ConfigurationError> errors)
    {
        var network = environment.Network;
        if (!TryParseCidr(network.Cidr, out var address, out var prefix))
        {
            errors.Add(new($"{path}.cidr", $"'{network.Cidr}' is not an IPv4 CIDR block", "write it as a.b.c.d/n, e.g. 10.0.0.0/16"));
        }
        else
        {
            if (prefix is < MinimumCidrPrefix or > MaximumCidrPrefix)
            {
                errors.Add(new($"{path}.cidr", $"the prefix /{prefix} is outside /{MinimumCidrPrefix} to /{MaximumCidrPrefix}", $"choose a block from /{MinimumCidrPrefix} (65,536 addresses) to /{MaximumCidrPrefix} (256 addresses)"));
            }

            if (!IsPrivate(address))
            {
                errors.Add(new($"{path}.cidr", $"'{network.Cidr}' is not in a private (RFC 1918) range", "use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"));
            }

            if (!IsNetworkAddress(address, prefix))
            {
                errors.Add(new($"{path}.cidr", $"'{network.Cidr}' has host bits set", "use the block's first address, e.g. 10.0.0.0/16"));
            }
        }

        var zones = environment.AvailabilityZoneNames;
        if (zones.Count is < 2 or > ProductionAvailabilityZones)
        {
            errors.Add(new($"{path}.availabilityZones", $"{zones.Count} zones are configured", "name 2 or 3 zones (3 for production); the subnet plan divides the VPC for at most 3"));
        }

        if (environment.Production && zones.Count != ProductionAvailabilityZones)
        {
            errors.Add(new($"{path}.availabilityZones", $"a production environment spans {zones.Count} zones", $"name exactly {ProductionAvailabilityZones} zones: brokers, database and Connect workers are spread one per zone"));
        }

        if (zones.Distinct(StringComparer.Ordinal).Count() != zones.Count)
        {
            errors.Add(new($"{path}.availabilityZones", "a zone is named twice", "name each zone once"));
        }

        if (regionIsValid)
        {
            foreach (var zone in zones.Where(zone => !ZoneBelongsToRegion(zone, environment.Region)))
            {
                errors.Add(new($"{path}.availabilityZones", $"'{zone}' is not a zone of {environment.Region}", $"use zone names of the environment's region, e.g. {environment.Region}a"));
            }
        }

        var natGateways = environment.NatGatewayCount;
        if (natGateways < 1 || natGateways > zones.Count)
        {
            errors.Add(new($"{path}.natGateways", $"{natGateways} NAT gateways for {zones.Count} zones", $"use 1 to {zones.Count}: private subnets need egress for the EKS node bootstrap and the chart repository"));
        }
        else if (environment.Production && natGateways != zones.Count)
        {
            errors.Add(new($"{path}.natGateways", $"a production environment has {natGateways} NAT gateway(s) for {zones.Count} zones", "use one per zone (or leave it unset) so that losing one zone does not cut egress for the others"));
        }

        ValidateRetention(network.FlowLogRetentionDays, $"{path}.flowLogRetentionDays", errors);
    }

    private static bool ZoneBelongsToRegion(string zone, string region) =>
        zone.Length == region.Length + 1 && zone.StartsWith(region, StringComparison.Ordinal) && char.IsAsciiLetterLower(zone[^1]);

    private static bool TryParseCidr(string cidr, out IPAddress address, out int prefix)
    {
        address = IPAddress.None;
        prefix = 0;
        var parts = cidr.Split('/');
        return parts.Length == 2
            && IPAddress.TryParse(parts[0], out address!)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && parts[0].Count(character => character == '.') == 3
            && int.TryParse(parts[1], out prefix)
            && prefix is >= 0 and <= 32;
    }

    private static uint ToUInt32(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static bool IsNetworkAddress(IPAddress address, int prefix) =>
        prefix == 0 || (ToUInt32(address) & ~(uint.MaxValue << (32 - prefix))) == 0;

    private static bool IsPrivate(IPAddress address)
    {
        var value = ToUInt32(address);
        return (value & 0xFF000000) == 0x0A000000 // 10.0.0.0/8
            || (value & 0xFFF00000) == 0xAC100000 // 172.16.0.0/12
            || (value & 0xFFFF0000) == 0xC0A80000; // 192.168.0.0/16
    }
}
