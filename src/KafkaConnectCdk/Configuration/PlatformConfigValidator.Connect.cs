using System.Text.RegularExpressions;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    /// <summary>Keys of Debezium 1.x that 3.x ignores or rejects, with their replacements.</summary>
    private static readonly IReadOnlyDictionary<string, string> RemovedDebeziumKeys = new Dictionary<string, string>
    {
        ["database.server.name"] = "topicPrefix",
        ["database.history.kafka.topic"] = "the generated schema.history.internal.kafka.topic",
        ["database.history.kafka.bootstrap.servers"] = "the generated schema.history.internal.kafka.bootstrap.servers",
    };

    /// <summary>
    /// Keys that decide which topics, groups and schemas a connector uses, which the worker role grants by name: the
    /// topic prefix and naming, the schema history's topic and name (its consumer's group.id), the heartbeat topic,
    /// and the converters (registries and schema naming).
    /// </summary>
    private static readonly IReadOnlyList<string> PlatformOwnedKeys =
        ["topic.prefix", "topic.naming.strategy", "topic.heartbeat.prefix", "topic.delimiter", "schema.history.internal", "key.converter", "value.converter"];

    private static bool IsPlatformOwnedKey(string key) =>
        PlatformOwnedKeys.Any(owned => key == owned || key.StartsWith($"{owned}.", StringComparison.Ordinal));

    public static IReadOnlyList<ConfigurationError> ValidatePipeline(PlatformConfig platform)
    {
        const string path = $"{PlatformConfigLoader.PlatformContextKey}.pipeline";
        var errors = new List<ConfigurationError>();
        if (platform.Pipeline is not { } pipeline)
        {
            errors.Add(new(path, "the pipeline is not configured", "add pipeline.account, region, connectionArn, repository and branch to cdk.json"));
            return errors;
        }

        if (!AccountPattern().IsMatch(pipeline.Account))
        {
            errors.Add(new($"{path}.account", $"'{pipeline.Account}' is not a 12-digit AWS account id", "set the tooling account that hosts the pipeline"));
        }

        if (!RegionPattern().IsMatch(pipeline.Region))
        {
            errors.Add(new($"{path}.region", $"'{pipeline.Region}' is not an AWS region name", "use a region code such as eu-west-1"));
        }

        if (!ConnectionArnPattern().IsMatch(pipeline.ConnectionArn))
        {
            errors.Add(new($"{path}.connectionArn", $"'{pipeline.ConnectionArn}' is not a CodeConnections connection ARN", "create a GitLab connection in the tooling account (Developer Tools > Connections) and paste its ARN"));
        }

        if (!RepositoryPattern().IsMatch(pipeline.Repository))
        {
            errors.Add(new($"{path}.repository", $"'{pipeline.Repository}' is not a GitLab project path", "use group/project, e.g. data-platform/kafka-connect-cdk"));
        }

        if (string.IsNullOrWhiteSpace(pipeline.Branch))
        {
            errors.Add(new($"{path}.branch", "the branch is empty", "name the branch the pipeline deploys, e.g. main"));
        }

        return errors;
    }

    private static void ValidateOperations(OperationsConfig operations, string path, List<ConfigurationError> errors)
    {
        foreach (var email in operations.AlarmEmails.Where(email => !EmailPattern().IsMatch(email)))
        {
            errors.Add(new($"{path}.alarmEmails", $"'{email}' is not an e-mail address", "write addresses as name@example.com"));
        }

        if (operations.MskDiskUsedPercent is < 50 or > 95)
        {
            errors.Add(new($"{path}.mskDiskUsedPercent", $"{operations.MskDiskUsedPercent} is outside 50 to 95", "alarm early enough for storage auto-scaling or an operator to act, e.g. 80"));
        }

        if (operations.DatabaseFreeStorageGiB < 1)
        {
            errors.Add(new($"{path}.databaseFreeStorageGiB", $"{operations.DatabaseFreeStorageGiB} GiB never fires before the disk is full", "use at least 1 GiB, e.g. 10"));
        }

        if (operations.DatabaseCpuPercent is < 10 or > 100)
        {
            errors.Add(new($"{path}.databaseCpuPercent", $"{operations.DatabaseCpuPercent} is outside 10 to 100", "use a percentage, e.g. 80"));
        }

        if (operations.SourceLagSeconds is < 10 or > 86400)
        {
            errors.Add(new($"{path}.sourceLagSeconds", $"{operations.SourceLagSeconds} is outside 10 to 86400", "alarm when changes are minutes late, e.g. 300"));
        }

        var healing = operations.Healing;
        if (healing.MaxRestartsPerHour is < 1 or > 30)
        {
            errors.Add(new($"{path}.healing.maxRestartsPerHour", $"{healing.MaxRestartsPerHour} is outside 1 to 30", "more than one restart every two minutes is a restart storm; use e.g. 6"));
        }

        if (healing.FirstBackoffSeconds is < 10 or > 3600)
        {
            errors.Add(new($"{path}.healing.firstBackoffSeconds", $"{healing.FirstBackoffSeconds} is outside 10 to 3600", "give a failed connector time to fail again, e.g. 60"));
        }

        if (healing.MaxBackoffSeconds < healing.FirstBackoffSeconds || healing.MaxBackoffSeconds > 3600)
        {
            errors.Add(new($"{path}.healing.maxBackoffSeconds", $"{healing.MaxBackoffSeconds} is not between firstBackoffSeconds ({healing.FirstBackoffSeconds}) and 3600", "use e.g. 1800"));
        }

        if (healing.StableAfterSeconds is < 60 or > 3600)
        {
            errors.Add(new($"{path}.healing.stableAfterSeconds", $"{healing.StableAfterSeconds} is outside 60 to 3600", "use e.g. 600"));
        }
    }

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

    private static void ValidateConnect(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var connect = environment.Connect;
        if (!Versions.StrimziKafkaVersions.Contains(connect.KafkaVersion))
        {
            errors.Add(new($"{path}.kafkaVersion", $"Kafka {connect.KafkaVersion} is not supported by Strimzi {Versions.Strimzi}", $"use one of {string.Join(", ", Versions.StrimziKafkaVersions)}"));
        }

        var minimumReplicas = environment.Production ? environment.AvailabilityZoneNames.Count : 1;
        if (connect.Replicas < minimumReplicas)
        {
            errors.Add(new($"{path}.replicas", $"{connect.Replicas} Connect workers", $"run at least {minimumReplicas} (one per zone in production) so that losing a worker only rebalances"));
        }

        if (!ConnectorManagementModes.All.Contains(connect.ManagementMode))
        {
            errors.Add(new($"{path}.managementMode", $"'{connect.ManagementMode}' is not a management mode", $"use {string.Join(" or ", ConnectorManagementModes.All)}"));
        }

        if (!QuantityPattern().IsMatch(connect.CpuRequest) || !QuantityPattern().IsMatch(connect.CpuLimit) || !QuantityPattern().IsMatch(connect.Memory))
        {
            errors.Add(new($"{path}", $"cpuRequest '{connect.CpuRequest}', cpuLimit '{connect.CpuLimit}' or memory '{connect.Memory}' is not a Kubernetes quantity", "use values such as 1, 500m, 4Gi"));
        }

        if (!HeapPattern().IsMatch(connect.Heap))
        {
            errors.Add(new($"{path}.heap", $"'{connect.Heap}' is not a JVM heap size", "use a size such as 3g or 2048m"));
        }

        ValidateConnectors(environment, $"{path}.connectors", errors);
    }

    private static void ValidateConnectors(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var connectors = environment.Connect.Connectors;
        foreach (var duplicate in connectors.GroupBy(connector => connector.Name).Where(group => group.Count() > 1))
        {
            errors.Add(new(path, $"the connector name '{duplicate.Key}' is used {duplicate.Count()} times", "give every connector a unique name"));
        }

        foreach (var duplicate in connectors.GroupBy(connector => connector.TopicPrefix).Where(group => group.Count() > 1))
        {
            errors.Add(new(path, $"the topic prefix '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(connector => connector.Name))}", "give every connector its own topicPrefix: it names the data topics and the schema-history topic"));
        }

        foreach (var duplicate in connectors.GroupBy(connector => DebeziumConnectorConfig.ServerId(environment.Name, connector)).Where(group => group.Count() > 1))
        {
            errors.Add(new(path, $"the database server id {duplicate.Key} is shared by {string.Join(" and ", duplicate.Select(connector => connector.Name))}", "give each connector its own serverId: two replication clients with one id disconnect each other"));
        }

        for (var index = 0; index < connectors.Count; index++)
        {
            var connector = connectors[index];
            var connectorPath = $"{path}[{index}]";
            if (!KubernetesNamePattern().IsMatch(connector.Name))
            {
                errors.Add(new($"{connectorPath}.name", $"'{connector.Name}' is not a valid connector name", "use 1 to 63 lowercase letters, digits or hyphens, starting and ending with a letter or digit"));
            }
            else
            {
                connectorPath = $"{path}[{index}]({connector.Name})";
            }

            if (!TopicPrefixPattern().IsMatch(connector.TopicPrefix))
            {
                errors.Add(new($"{connectorPath}.topicPrefix", $"'{connector.TopicPrefix}' is not a valid topic prefix", "use 1 to 100 letters, digits, '.', '_' or '-'"));
            }

            if (connector.Databases.Count == 0)
            {
                errors.Add(new($"{connectorPath}.databases", "the include list is empty", "name the databases to capture, e.g. [\"test_db\"]"));
            }

            if (connector.Databases.Contains(CdcControlTables.Database))
            {
                errors.Add(new($"{connectorPath}.databases", $"'{CdcControlTables.Database}' holds the heartbeat and signal tables every connector captures already", "capture your own databases only; the control tables are added for you"));
            }

            if (connector.Tables.Count == 0)
            {
                errors.Add(new($"{connectorPath}.tables", "the include list is empty", "name the tables to capture as database.table, e.g. [\"test_db.person\"]"));
            }

            foreach (var table in connector.Tables)
            {
                var parts = table.Split('.');
                if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
                {
                    errors.Add(new($"{connectorPath}.tables", $"'{table}' is not database.table", "qualify every table with its database"));
                }
                else if (!connector.Databases.Contains(parts[0]))
                {
                    errors.Add(new($"{connectorPath}.tables", $"'{table}' is in database '{parts[0]}', which the connector does not include", $"add '{parts[0]}' to databases or remove the table"));
                }
            }

            if (!ConnectorFormats.All.Contains(connector.Format))
            {
                errors.Add(new($"{connectorPath}.format", $"'{connector.Format}' is not a connector format", $"use {string.Join(" or ", ConnectorFormats.All)}"));
            }

            if (connector.Format == ConnectorFormats.Avro)
            {
                if (!environment.SchemaRegistry.Enabled)
                {
                    errors.Add(new($"{connectorPath}.format", "an avro connector needs the Glue Schema Registry, which this environment turns off", "set schemaRegistry.enabled to true or use format json"));
                }

            }

            if (!ConnectorDefinition.SnapshotModes.Contains(connector.SnapshotMode))
            {
                errors.Add(new($"{connectorPath}.snapshotMode", $"'{connector.SnapshotMode}' is not a Debezium snapshot mode", $"use one of {string.Join(", ", ConnectorDefinition.SnapshotModes)}"));
            }

            if (connector.Compatibility is not null)
            {
                ValidateCompatibility(connector.Compatibility, $"{connectorPath}.compatibility", errors);
            }

            if (connector.ServerId is < 1 or > uint.MaxValue)
            {
                errors.Add(new($"{connectorPath}.serverId", $"{connector.ServerId} is outside MySQL's 1 to {uint.MaxValue}", "leave it unset to derive one, or choose an id unique among the server's replication clients"));
            }

            if (connector.HeartbeatIntervalMs < 1000)
            {
                errors.Add(new($"{connectorPath}.heartbeatIntervalMs", $"{connector.HeartbeatIntervalMs} ms is below 1000", "use a heartbeat of at least a second, e.g. 10000"));
            }

            foreach (var (key, value) in connector.AdditionalConfig)
            {
                if (RemovedDebeziumKeys.TryGetValue(key, out var replacement))
                {
                    errors.Add(new($"{connectorPath}.additionalConfig.{key}", "a Debezium 1.x key that Debezium 3.x no longer reads", $"remove it; use {replacement}"));
                }
                else if (IsPlatformOwnedKey(key))
                {
                    errors.Add(new($"{connectorPath}.additionalConfig.{key}", "a key that names the topics, consumer groups or schemas the platform grants access to; a different value would be denied by IAM or break the schema naming", "remove it; set topicPrefix, format or the schema registry instead"));
                }
                else if (SecretKeys.IsLiteralSecret(key, value))
                {
                    errors.Add(new($"{connectorPath}.additionalConfig.{key}", "a literal secret in a connector config (it would land in templates, logs and the Connect REST API)", "reference it through a config provider, e.g. ${dir:/path:key}"));
                }
            }
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:[0-9]{12}:connection/[0-9a-f-]{36}$")]
    private static partial Regex ConnectionArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[A-Za-z0-9+=,.@_/-]+$")]
    private static partial Regex IamPrincipalPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.[a-z0-9]+$")]
    private static partial Regex Ec2InstanceTypePattern();

    [GeneratedRegex(@"^[a-z]+[0-9]+[a-z]*g[a-z]*\.[a-z0-9]+$")]
    private static partial Regex GravitonInstanceTypePattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti)?$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^[0-9]+[kmgKMG]$")]
    private static partial Regex HeapPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex KubernetesNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex TopicPrefixPattern();
}
