using System.Text.RegularExpressions;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Contracts;

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

    /// <summary>
    /// Keys that are the connector's shape rather than its settings; Strimzi 1.2.0's KafkaConnector spec.config forbids
    /// each of them (047-Crd-kafkaconnector.yaml).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, (string Problem, string Fix)> ConnectorShapeKeys = new Dictionary<string, (string, string)>
    {
        [ConnectorConfigKeys.Name] = ("Kafka Connect names a connector after its URL and refuses a different name (ConnectorsResource.checkAndPutConnectorConfigName)", "remove it; the connector's name is connectors[].name"),
        [ConnectorConfigKeys.ConnectorClass] = ("the platform runs the Debezium MySQL connector; another class would get its MySQL settings and grants", "remove it"),
        [ConnectorConfigKeys.TasksMax] = ("the platform sets the task count: the Debezium MySQL connector reads one binlog stream and refuses more than one task (BinlogConnector.taskConfigs)", "remove it"),
        [ConnectorConfigKeys.PluginVersion] = ("the Connect image pins the connector's version", "remove it; change the Debezium version of the image instead"),
    };

    private static bool IsPlatformOwnedKey(string key) =>
        PlatformOwnedKeys.Any(owned => key == owned || key.StartsWith($"{owned}.", StringComparison.Ordinal));

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
                else if (ConnectorShapeKeys.TryGetValue(key, out var shape))
                {
                    errors.Add(new($"{connectorPath}.additionalConfig.{key}", shape.Problem, shape.Fix));
                }
                else if (IsPlatformOwnedKey(key))
                {
                    errors.Add(new($"{connectorPath}.additionalConfig.{key}", "a key that names the topics, consumer groups or schemas the platform grants access to; a different value would be denied by IAM or break the schema naming", "remove it; set topicPrefix, format or the schema registry instead"));
                }
                else if (ConnectorSecrets.IsLiteralSecret(key, value))
                {
                    errors.Add(new($"{connectorPath}.additionalConfig.{key}", "a literal secret in a connector config (it would land in templates, logs and the Connect REST API)", "reference it through a config provider, e.g. ${dir:/path:key}"));
                }
            }
        }
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti)?$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^[0-9]+[kmgKMG]$")]
    private static partial Regex HeapPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex KubernetesNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex TopicPrefixPattern();
}
