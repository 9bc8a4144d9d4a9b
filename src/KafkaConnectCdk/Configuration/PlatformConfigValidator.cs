using System.Net;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Configuration;

/// <summary>
/// One pass over the whole configuration that reports every problem together, each with its path and fix, so that a
/// user fixes cdk.json once instead of once per synth.
/// </summary>
public static partial class PlatformConfigValidator
{
    public const int MinimumCidrPrefix = 16;
    public const int MaximumCidrPrefix = 24;
    public const int ProductionAvailabilityZones = 3;

    public static IReadOnlyList<ConfigurationError> Validate(PlatformConfig platform)
    {
        var errors = new List<ConfigurationError>();
        const string root = PlatformConfigLoader.PlatformContextKey;

        if (!ProjectPattern().IsMatch(platform.Project))
        {
            errors.Add(new($"{root}.project", $"'{platform.Project}' is not a valid project prefix", "use 2 to 12 lowercase letters, digits or hyphens, starting with a letter"));
        }

        if (platform.Environments.Count == 0)
        {
            errors.Add(new($"{root}.environments", "no environment is configured", "add at least one environment with name, account and region"));
        }

        foreach (var duplicate in platform.Environments.GroupBy(environment => environment.Name).Where(group => group.Count() > 1))
        {
            errors.Add(new($"{root}.environments", $"the name '{duplicate.Key}' is used {duplicate.Count()} times", "give every environment a unique name"));
        }

        for (var index = 0; index < platform.Environments.Count; index++)
        {
            ValidateEnvironment(platform.Environments[index], $"{root}.environments[{index}]", errors);
        }

        return errors;
    }

    private static void ValidateEnvironment(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        if (!EnvironmentNamePattern().IsMatch(environment.Name))
        {
            errors.Add(new($"{path}.name", $"'{environment.Name}' is not a valid environment name", "use 2 to 16 lowercase letters, digits or hyphens, starting with a letter (e.g. dev, prod)"));
        }
        else
        {
            path = $"{path}({environment.Name})";
        }

        if (!AccountPattern().IsMatch(environment.Account))
        {
            errors.Add(new($"{path}.account", $"'{environment.Account}' is not a 12-digit AWS account id", "set the 12-digit id of the target account, as a string (leading zeros matter)"));
        }

        var regionIsValid = RegionPattern().IsMatch(environment.Region);
        if (!regionIsValid)
        {
            errors.Add(new($"{path}.region", $"'{environment.Region}' is not an AWS region name", "use a region code such as eu-west-1 or us-east-2"));
        }

        foreach (var (key, value) in environment.Tags)
        {
            if (key.Length is 0 or > 128 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new($"{path}.tags", $"tag key '{key}' is not allowed", "use 1 to 128 characters that do not start with 'aws:'"));
            }

            if (value.Length > 256)
            {
                errors.Add(new($"{path}.tags.{key}", "the tag value is longer than 256 characters", "shorten it"));
            }
        }

        ValidateNetwork(environment, $"{path}.network", regionIsValid, errors);
        ValidateMsk(environment, $"{path}.msk", errors);
        ValidateDatabase(environment, $"{path}.database", errors);
        ValidateSchemaRegistry(environment.SchemaRegistry, $"{path}.schemaRegistry", errors);
        ValidateKubernetes(environment, $"{path}.kubernetes", errors);
        ValidateConnect(environment, $"{path}.connect", errors);
        ValidateNodeCapacity(environment, path, errors);
        ValidateOperations(environment.Operations, $"{path}.operations", errors);
        ValidateLakehouse(environment, $"{path}.lakehouse", errors);
        ValidateProductionLogRetention(environment, path, errors);
    }

    public const int MaximumBrokerVolumeGiB = 16384;

    /// <summary>default.replication.factor is 3: fewer brokers cannot hold the replicas.</summary>
    public const int MinimumBrokers = 3;

    private static void ValidateMsk(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var msk = environment.Msk;
        if (!MskConfig.SupportedKafkaVersions.Contains(msk.KafkaVersion))
        {
            errors.Add(new($"{path}.kafkaVersion", $"'{msk.KafkaVersion}' is not a Kafka version MSK supports for new clusters", $"use one of {string.Join(", ", MskConfig.SupportedKafkaVersions)}"));
        }

        var zones = environment.AvailabilityZoneNames.Count;
        var smallestValidCount = (MinimumBrokers + zones - 1) / zones * zones;
        if (msk.BrokerCount < MinimumBrokers || msk.BrokerCount % zones != 0)
        {
            errors.Add(new(
                $"{path}.brokerCount",
                $"{msk.BrokerCount} brokers cannot hold 3 replicas spread evenly over {zones} zones",
                $"use a multiple of {zones} of at least {MinimumBrokers} (e.g. {smallestValidCount} or {smallestValidCount + zones})"));
        }

        if (!MskInstanceTypePattern().IsMatch(msk.BrokerInstanceType))
        {
            errors.Add(new($"{path}.brokerInstanceType", $"'{msk.BrokerInstanceType}' is not an MSK broker type", "use a name such as kafka.m7g.large"));
        }

        if (msk.VolumeSizeGiB is < 1 or > MaximumBrokerVolumeGiB)
        {
            errors.Add(new($"{path}.volumeSizeGiB", $"{msk.VolumeSizeGiB} GiB is outside 1 to {MaximumBrokerVolumeGiB}", "choose an EBS volume size MSK accepts"));
        }

        if (msk.MaxVolumeSizeGiB < msk.VolumeSizeGiB || msk.MaxVolumeSizeGiB > MaximumBrokerVolumeGiB)
        {
            errors.Add(new($"{path}.maxVolumeSizeGiB", $"{msk.MaxVolumeSizeGiB} GiB is outside {msk.VolumeSizeGiB} (the initial size) to {MaximumBrokerVolumeGiB}", "set the auto-scaling ceiling at or above volumeSizeGiB"));
        }

        if (msk.StorageTargetUtilizationPercent is < 10 or > 90)
        {
            errors.Add(new($"{path}.storageTargetUtilizationPercent", $"{msk.StorageTargetUtilizationPercent} is outside 10 to 90", "choose the disk utilization auto-scaling keeps, e.g. 60"));
        }

        if (msk.TopicRetentionHours < 1)
        {
            errors.Add(new($"{path}.topicRetentionHours", $"{msk.TopicRetentionHours} hours keeps no data", "use at least 1 hour (168 = 7 days)"));
        }

        ValidateRetention(msk.BrokerLogRetentionDays, $"{path}.brokerLogRetentionDays", errors);
    }

    private static void ValidateDatabase(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var database = environment.Database;
        if (!EngineVersionPattern().IsMatch(database.EngineVersion) || !DatabaseConfig.SupportedMajorVersions.Contains(database.MajorVersion))
        {
            errors.Add(new($"{path}.engineVersion", $"'{database.EngineVersion}' is not a supported MySQL version", $"use a full version of {string.Join(" or ", DatabaseConfig.SupportedMajorVersions)}, e.g. 8.4.10 (pinned: upgrade by changing it)"));
        }

        if (database.InstanceClass.StartsWith("db.", StringComparison.Ordinal))
        {
            errors.Add(new($"{path}.instanceClass", $"'{database.InstanceClass}' carries the db. prefix", $"write it without the prefix: {database.InstanceClass[3..]}"));
        }
        else if (!InstanceClassPattern().IsMatch(database.InstanceClass))
        {
            errors.Add(new($"{path}.instanceClass", $"'{database.InstanceClass}' is not an instance class", "use a name such as r7g.large or t4g.medium"));
        }

        if (environment.Production && !environment.DatabaseMultiAz)
        {
            errors.Add(new($"{path}.multiAz", "a production database without a standby", "remove multiAz or set it to true: a zone outage must not stop change capture"));
        }

        if (database.AllocatedStorageGiB is < 20 or > 65536)
        {
            errors.Add(new($"{path}.allocatedStorageGiB", $"{database.AllocatedStorageGiB} GiB is outside RDS's 20 to 65536", "choose a size in that range"));
        }

        if (database.MaxAllocatedStorageGiB < database.AllocatedStorageGiB || database.MaxAllocatedStorageGiB > 65536)
        {
            errors.Add(new($"{path}.maxAllocatedStorageGiB", $"{database.MaxAllocatedStorageGiB} GiB is outside {database.AllocatedStorageGiB} (the allocated storage) to 65536", "set the auto-scaling ceiling at or above allocatedStorageGiB"));
        }

        if (database.BackupRetentionDays is < 1 or > DatabaseConfig.MaximumBackupRetentionDays)
        {
            errors.Add(new($"{path}.backupRetentionDays", $"{database.BackupRetentionDays} days is outside 1 to {DatabaseConfig.MaximumBackupRetentionDays}", "RDS keeps binary logs only while automated backups are on: use 1 to 35 days"));
        }

        if (!DatabaseNamePattern().IsMatch(database.DatabaseName))
        {
            errors.Add(new($"{path}.databaseName", $"'{database.DatabaseName}' is not a MySQL database name RDS accepts", "use 1 to 64 letters, digits or underscores, starting with a letter"));
        }

        if (database.MonitoringIntervalSeconds is not (1 or 5 or 10 or 15 or 30 or 60))
        {
            errors.Add(new($"{path}.monitoringIntervalSeconds", $"{database.MonitoringIntervalSeconds} is not an enhanced monitoring interval", "use 1, 5, 10, 15, 30 or 60"));
        }

        ValidateRetention(database.LogRetentionDays, $"{path}.logRetentionDays", errors);

        if (database.BinlogRetentionHours is < 1 or > 168)
        {
            errors.Add(new($"{path}.binlogRetentionHours", $"{database.BinlogRetentionHours} hours is outside RDS's 1 to 168", "keep binary logs at least as long as the longest connector outage you want to recover from, e.g. 72"));
        }
    }

    private static void ValidateSchemaRegistry(SchemaRegistryConfig registry, string path, List<ConfigurationError> errors)
    {
        if (registry.Name is not null && !GlueNamePattern().IsMatch(registry.Name))
        {
            errors.Add(new($"{path}.name", $"'{registry.Name}' is not a valid registry name", "use 1 to 255 letters, digits, hyphens, underscores, $, # or periods"));
        }
        else if (registry.Name is not null && registry.Name.Length + SchemaRegistryConfig.KeyRegistrySuffix.Length > 255)
        {
            errors.Add(new($"{path}.name", $"'{registry.Name}' leaves no room for the keys registry '<name>{SchemaRegistryConfig.KeyRegistrySuffix}' within Glue's 255 characters", $"use at most {255 - SchemaRegistryConfig.KeyRegistrySuffix.Length} characters"));
        }

        ValidateCompatibility(registry.Compatibility, $"{path}.compatibility", errors);

        foreach (var duplicate in registry.Schemas.GroupBy(schema => (schema.Name, schema.Key)).Where(group => group.Count() > 1))
        {
            errors.Add(new($"{path}.schemas", $"the {(duplicate.Key.Key ? "key" : "value")} schema '{duplicate.Key.Name}' is declared {duplicate.Count()} times", "declare each schema once"));
        }

        for (var index = 0; index < registry.Schemas.Count; index++)
        {
            var schema = registry.Schemas[index];
            var schemaPath = $"{path}.schemas[{index}]";
            if (!GlueNamePattern().IsMatch(schema.Name))
            {
                errors.Add(new($"{schemaPath}.name", $"'{schema.Name}' is not a valid schema name", "use 1 to 255 letters, digits, hyphens, underscores, $, # or periods"));
            }

            if (!SchemaRegistryConfig.DataFormats.Contains(schema.DataFormat))
            {
                errors.Add(new($"{schemaPath}.dataFormat", $"'{schema.DataFormat}' is not a Glue data format", $"use one of {string.Join(", ", SchemaRegistryConfig.DataFormats)}"));
            }

            if (schema.Compatibility is not null)
            {
                ValidateCompatibility(schema.Compatibility, $"{schemaPath}.compatibility", errors);
            }

            if (string.IsNullOrWhiteSpace(schema.Definition))
            {
                errors.Add(new($"{schemaPath}.definition", "the definition is empty", "give the first version of the schema"));
            }
            else if (schema.DataFormat is "AVRO" or "JSON" && !IsJson(schema.Definition))
            {
                errors.Add(new($"{schemaPath}.definition", $"an {schema.DataFormat} definition is not valid JSON", "give the schema as a JSON document in a string"));
            }
        }
    }

    private static void ValidateCompatibility(string compatibility, string path, List<ConfigurationError> errors)
    {
        if (!SchemaRegistryConfig.CompatibilityModes.Contains(compatibility))
        {
            errors.Add(new(path, $"'{compatibility}' is not a Glue compatibility mode", $"use one of {string.Join(", ", SchemaRegistryConfig.CompatibilityModes)}"));
        }
    }

    /// <summary>Control Tower's CT.CLOUDWATCH.PR.2 keeps log groups at least a year; production must comply.</summary>
    public const int ProductionMinimumLogRetentionDays = 365;

    private static void ValidateProductionLogRetention(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        if (!environment.Production)
        {
            return;
        }

        var retentions = new List<(int Days, string Field)>
        {
            (environment.Network.FlowLogRetentionDays, "network.flowLogRetentionDays"),
            (environment.Msk.BrokerLogRetentionDays, "msk.brokerLogRetentionDays"),
            (environment.Database.LogRetentionDays, "database.logRetentionDays"),
            (environment.Kubernetes.ControlPlaneLogRetentionDays, "kubernetes.controlPlaneLogRetentionDays"),
        };
        if (environment.Lakehouse.Enabled)
        {
            retentions.Add((environment.Lakehouse.LogRetentionDays, "lakehouse.logRetentionDays"));
        }

        foreach (var (days, field) in retentions)
        {
            if (days < ProductionMinimumLogRetentionDays)
            {
                errors.Add(new($"{path}.{field}", $"{days} days is below the {ProductionMinimumLogRetentionDays} days AWS Control Tower's CT.CLOUDWATCH.PR.2 requires of production log groups",
                    $"set it to {ProductionMinimumLogRetentionDays} or more in this production environment"));
            }
        }
    }

    private static void ValidateRetention(int days, string path, List<ConfigurationError> errors)
    {
        if (!CloudWatchRetention.SupportedDays.Contains(days))
        {
            errors.Add(new(path, $"{days} is not a CloudWatch Logs retention", $"use one of {string.Join(", ", CloudWatchRetention.SupportedDays.Order())}"));
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

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

    [GeneratedRegex(@"^kafka\.[a-z0-9]+\.[a-z0-9]+$")]
    private static partial Regex MskInstanceTypePattern();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial Regex EngineVersionPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*\.[a-z0-9]+$")]
    private static partial Regex InstanceClassPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex DatabaseNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_$#.\-]{1,255}$")]
    private static partial Regex GlueNamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,11}$")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,15}$")]
    private static partial Regex EnvironmentNamePattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();
}
