using System.Text.Json.Nodes;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Iam;

/// <summary>
/// Least privilege, proven by evaluating the synthesized policies with a real IAM policy engine offline
/// (@cloud-copilot/iam-simulate, through simulate.mjs). The requests are what each client does: read from the
/// synthesized configuration with the upstream default for every key that is not set (see <see cref="ConnectorClients"/>),
/// never from the helpers that build the grants. Intrinsics resolve to fixed fake ids (see <see cref="Intrinsics"/>).
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class AccessMatrixTests(SynthesizedPlatform platform)
{
    public static TheoryData<string> Environments => new() { "dev", "prod" };

    private AccessMatrix Matrix(string environment) => new(platform, platform.Environment(environment));

    private static IEnumerable<AccessRequest> Allow(string principal, string why, string resource, params string[] actions) =>
        actions.Select(action => new AccessRequest(principal, action, resource, MustBeAllowed: true, why));

    private static IEnumerable<AccessRequest> Deny(string principal, string why, string resource, params string[] actions) =>
        actions.Select(action => new AccessRequest(principal, action, resource, MustBeAllowed: false, why));

    /// <summary>Kafka Connect's worker: its group and three storage topics (Strimzi spec.groupId / *StorageTopic).</summary>
    private static IEnumerable<AccessRequest> WorkerRequests(AccessMatrix matrix)
    {
        var spec = matrix.KafkaConnect["spec"]!;
        yield return new("worker", "kafka-cluster:Connect", matrix.ClusterArn, true, "every client connects");
        yield return new("worker", "kafka-cluster:DescribeCluster", matrix.ClusterArn, true, "admin clients describe the cluster");
        foreach (var request in Allow("worker", "Connect group", matrix.KafkaResourceArn("group", (string)spec["groupId"]!), "kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"))
        {
            yield return request;
        }

        foreach (var topic in new[] { "configStorageTopic", "offsetStorageTopic", "statusStorageTopic" }.Select(key => (string)spec[key]!))
        {
            foreach (var request in Allow("worker", $"storage topic {topic}", matrix.KafkaResourceArn("topic", topic),
                "kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData"))
            {
                yield return request;
            }
        }
    }

    /// <summary>Each connector: the topics it writes, its history topic and history group, and under Avro each record's schema.</summary>
    private static IEnumerable<AccessRequest> ConnectorRequests(AccessMatrix matrix)
    {
        foreach (var connector in matrix.Connectors)
        {
            foreach (var topic in connector.WrittenTopics)
            {
                // topic.creation.* is set, so Connect creates the topics it writes (KIP-158).
                foreach (var request in Allow("worker", $"{connector.TopicPrefix} writes {topic}", matrix.KafkaResourceArn("topic", topic),
                    "kafka-cluster:WriteData", "kafka-cluster:DescribeTopic", "kafka-cluster:CreateTopic"))
                {
                    yield return request;
                }
            }

            foreach (var request in Allow("worker", $"{connector.TopicPrefix} schema history", matrix.KafkaResourceArn("topic", connector.HistoryTopic),
                "kafka-cluster:WriteData", "kafka-cluster:ReadData", "kafka-cluster:DescribeTopic", "kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopicDynamicConfiguration"))
            {
                yield return request;
            }

            foreach (var request in Allow("worker", $"{connector.TopicPrefix} schema-history consumer group", matrix.KafkaResourceArn("group", connector.HistoryGroup),
                "kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"))
            {
                yield return request;
            }

            if (!connector.UsesGlueConverter)
            {
                continue;
            }

            foreach (var record in connector.SerializedRecords)
            {
                var schema = matrix.GlueSchemaArn(record.Registry, record.SchemaName);
                foreach (var request in Allow("worker", $"converter registers {(record.IsKey ? "key" : "value")} of {record.Topic}", schema,
                    "glue:GetSchemaByDefinition", "glue:CreateSchema", "glue:RegisterSchemaVersion", "glue:GetSchema"))
                {
                    yield return request;
                }

                // CreateSchema also names the registry as a resource (Service Authorization Reference, AWS Glue).
                yield return new("worker", "glue:CreateSchema", matrix.GlueRegistryArn(record.Registry), true, $"converter creates {record.SchemaName} in {record.Registry}");
            }

            yield return new("worker", "glue:GetSchemaVersion", "*", true, "deserializer looks schema versions up by id");
        }

        foreach (var secret in matrix.MountedSecrets)
        {
            yield return new("worker", "secretsmanager:GetSecretValue", secret, true, "Secrets Store CSI driver mounts the connector password");
        }
    }

    /// <summary>
    /// Each Apache Iceberg sink, as IcebergSinkClients reads its configuration: its source topics, its control topic
    /// (created by the control-topic Job, which runs with the same role), its three kinds of groups, its transactional
    /// ids, and its changelog tables in Glue and S3.
    /// </summary>
    private static IEnumerable<AccessRequest> SinkRequests(AccessMatrix matrix)
    {
        if (matrix.Sinks.Count == 0)
        {
            yield break;
        }

        // Exactly-once producers (KafkaClientFactory.createProducer sets a transactional id, hence idempotence).
        yield return new("worker", "kafka-cluster:WriteDataIdempotently", matrix.ClusterArn, true, "the sinks' transactional producers");
        foreach (var sink in matrix.Sinks)
        {
            var requests = sink.Topics.SelectMany(topic => Allow("worker", $"{sink.Name} reads {topic}", matrix.KafkaResourceArn("topic", topic), "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"))
                .Concat(Allow("worker", $"{sink.Name} control topic (the Job creates it)", matrix.KafkaResourceArn("topic", sink.ControlTopic),
                    "kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData"))
                .Concat(new[] { sink.ConnectGroup, sink.CoordinatorGroup, sink.WorkerControlGroup }.SelectMany(group =>
                    Allow("worker", $"{sink.Name} group {group}", matrix.KafkaResourceArn("group", group), "kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup")))
                .Concat(sink.TransactionalIds.SelectMany(id =>
                    Allow("worker", $"{sink.Name} transactional id {id}", matrix.KafkaResourceArn("transactional-id", id), "kafka-cluster:DescribeTransactionalId", "kafka-cluster:AlterTransactionalId")))
                .Concat(Deny("worker", $"{sink.Name} deleting its control topic", matrix.KafkaResourceArn("topic", sink.ControlTopic), "kafka-cluster:DeleteTopic", "kafka-cluster:AlterTopic"))
                .Concat(Deny("worker", "another sink's transactional id", matrix.KafkaResourceArn("transactional-id", $"other-worker-txn-{IcebergSinkClients.SampleUuid}-0"), "kafka-cluster:AlterTransactionalId"))
                .Concat(Deny("worker", "another control topic", matrix.KafkaResourceArn("topic", "control-iceberg"), "kafka-cluster:WriteData", "kafka-cluster:CreateTopic"));
            foreach (var request in requests)
            {
                yield return request;
            }

            Assert.True(sink.UsesGlueCatalog, $"{sink.Name} uses the Glue catalog");
            Assert.False(sink.CreatesTables, $"{sink.Name} creates no tables");
            foreach (var (database, table) in sink.Tables)
            {
                // GlueTableOperations.doRefresh (GetTable) and doCommit (UpdateTable), aws/src/main/java/org/apache/iceberg/aws/glue/.
                var glue = new[] { matrix.GlueArn("catalog"), matrix.GlueArn($"database/{database}"), matrix.GlueArn($"table/{database}/{table}") };
                var objects = matrix.TableObjectsArn(table);
                var tableRequests = glue.SelectMany(resource => Allow("worker", $"{sink.Name} loads and commits {table}", resource, "glue:GetTable", "glue:UpdateTable"))
                    .Concat(Deny("worker", $"{sink.Name} dropping {table}", glue[2], "glue:DeleteTable"))
                    .Concat(Deny("worker", $"{sink.Name} creating tables", matrix.GlueArn($"table/{database}/other"), "glue:CreateTable", "glue:UpdateTable"))
                    .Concat(new[] { $"{objects}/data/00000-0-{IcebergSinkClients.SampleUuid}-00001.parquet", $"{objects}/metadata/00001-{IcebergSinkClients.SampleUuid}.metadata.json" }
                        .SelectMany(file => Allow("worker", $"{sink.Name} writes and reads {table}'s files (S3FileIO)", file, "s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload")))
                    .Concat(Deny("worker", "another table's files", $"{objects[..objects.LastIndexOf('/')]}/other_table/data/x.parquet", "s3:PutObject", "s3:GetObject"))
                    .Concat(Deny("worker", "the Athena results", $"{objects[..objects.LastIndexOf("/warehouse/", StringComparison.Ordinal)]}/athena-results/x.csv", "s3:GetObject"))
                    // S3 API reference, HeadObject/GetObject: for a missing key S3 answers 404 only if the caller has
                    // s3:ListBucket, else 403, which S3FileIO's exists() turns into an error instead of "absent". Those
                    // requests carry no s3:prefix key, so only a ListBucket grant without that condition applies.
                    .Concat(Allow("worker", $"{sink.Name} learns that a file is absent (HeadObject 404)", objects[..objects.LastIndexOf("/warehouse/", StringComparison.Ordinal)], "s3:ListBucket"))
                    // KMS is not simulated: like AWS, the simulator wants the key policy, which the matrix does not pass it;
                    // ConnectIamTests pins the worker's lakehouse-key statement instead.
                    ;
                foreach (var request in tableRequests)
                {
                    yield return request;
                }
            }
        }
    }

    /// <summary>The lakehouse's own roles: the optimizers and the refresh touch the tables' files and Glue entries, never Kafka or the sinks' topics.</summary>
    private static IEnumerable<AccessRequest> LakehouseRequests(AccessMatrix matrix)
    {
        if (matrix.Lakehouse is null || matrix.Sinks.Count == 0)
        {
            yield break;
        }

        var (database, changelog) = matrix.Sinks[0].Tables[0];
        var current = changelog[..^"_changelog".Length];
        var changelogFiles = matrix.TableObjectsArn(changelog);
        var currentFiles = matrix.TableObjectsArn(current);
        var bucket = changelogFiles[..changelogFiles.IndexOf("/warehouse/", StringComparison.Ordinal)];
        var requests = Allow("lakehouse-maintenance", "compaction rewrites the changelog's files", $"{changelogFiles}/data/x.parquet", "s3:GetObject", "s3:PutObject", "s3:DeleteObject")
            .Concat(Allow("lakehouse-maintenance", "optimizers commit to the table", matrix.GlueArn($"table/{database}/{changelog}"), "glue:GetTable", "glue:UpdateTable"))
            .Concat(Deny("lakehouse-maintenance", "the Athena results", $"{bucket}/athena-results/x.csv", "s3:GetObject"))
            .Concat(Deny("lakehouse-maintenance", "dropping tables", matrix.GlueArn($"table/{database}/{changelog}"), "glue:DeleteTable"))
            .Concat(Allow("lakehouse-refresh", "MERGE reads the changelog", $"{changelogFiles}/data/x.parquet", "s3:GetObject"))
            .Concat(Allow("lakehouse-refresh", "MERGE writes current state", $"{currentFiles}/data/x.parquet", "s3:PutObject"))
            .Concat(Allow("lakehouse-refresh", "Athena writes the query results", $"{bucket}/athena-results/x.csv", "s3:PutObject"))
            .Concat(Allow("lakehouse-refresh", "MERGE commits current state", matrix.GlueArn($"table/{database}/{current}"), "glue:GetTable", "glue:UpdateTable"))
            .Concat(Deny("lakehouse-refresh", "dropping tables", matrix.GlueArn($"table/{database}/{current}"), "glue:DeleteTable"))
            .Concat(Deny("lakehouse-refresh", "Kafka", matrix.ClusterArn, "kafka-cluster:Connect"))
            .Concat(Deny("lakehouse-refresh-schedule", "the lakehouse files", $"{changelogFiles}/data/x.parquet", "s3:GetObject"))
            .Concat(Deny("lakehouse-refresh-schedule", "Kafka", matrix.ClusterArn, "kafka-cluster:Connect"))
            .Concat(Deny("lakehouse-maintenance", "Kafka", matrix.ClusterArn, "kafka-cluster:Connect"))
            .Concat(Allow("lakehouse-tables", "Athena's CREATE TABLE registers the table", matrix.GlueArn($"table/{database}/{current}"), "glue:GetTable", "glue:CreateTable", "glue:UpdateTable"))
            .Concat(Allow("lakehouse-tables", "Athena's Iceberg DDL writes the table metadata", $"{changelogFiles}/metadata/00000.metadata.json", "s3:GetObject", "s3:PutObject"))
            .Concat(Allow("lakehouse-tables", "Athena writes the DDL's results", $"{bucket}/athena-results/x.txt", "s3:PutObject"))
            .Concat(Deny("lakehouse-tables", "dropping tables", matrix.GlueArn($"table/{database}/{current}"), "glue:DeleteTable"))
            .Concat(Deny("lakehouse-tables", "deleting table files", $"{changelogFiles}/data/x.parquet", "s3:DeleteObject"))
            // aws-cdk-lib BUCKET_PUT_ACTIONS (aws-s3/lib/perms.ts) would add these to PutObject; the DDL needs none of them.
            .Concat(Deny("lakehouse-tables", "locking, retaining or tagging table files", $"{changelogFiles}/metadata/00000.metadata.json", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"))
            .Concat(Allow("lakehouse-tables", "Athena finds the bucket's region", bucket, "s3:GetBucketLocation"))
            .Concat(Deny("lakehouse-tables", "Kafka", matrix.ClusterArn, "kafka-cluster:Connect"));
        foreach (var request in requests)
        {
            yield return request;
        }
    }

    private static IEnumerable<AccessRequest> WorkerDenials(AccessMatrix matrix)
    {
        var someTopic = matrix.Connectors.First().DataTopics.First();
        yield return new("worker", "kafka-cluster:WriteData", matrix.KafkaResourceArn("topic", "other_prefix.test_db.person"), false, "another prefix's topic");
        yield return new("worker", "kafka-cluster:ReadData", matrix.KafkaResourceArn("topic", "other_prefix.schema-history"), false, "another prefix's history");
        yield return new("worker", "kafka-cluster:AlterGroup", matrix.KafkaResourceArn("group", "other_prefix-schemahistory"), false, "another connector's group");
        yield return new("worker", "kafka-cluster:DeleteTopic", matrix.KafkaResourceArn("topic", someTopic), false, "deleting its own topics");
        yield return new("worker", "kafka-cluster:AlterTopic", matrix.KafkaResourceArn("topic", someTopic), false, "altering its own topics");
        yield return new("worker", "kafka-cluster:AlterCluster", matrix.ClusterArn, false, "cluster-wide admin");
        yield return new("worker", "kafka-cluster:AlterClusterDynamicConfiguration", matrix.ClusterArn, false, "cluster-wide admin");
        var otherCluster = $"arn:aws:kafka:{matrix.Msk.Region}:{matrix.Msk.Account}:cluster/other/00000000-0000-4000-8000-000000000000-1";
        yield return new("worker", "kafka-cluster:WriteData", matrix.KafkaResourceArn("topic", someTopic, otherCluster), false, "the same topic on another cluster");
        yield return new("worker", "glue:RegisterSchemaVersion", matrix.GlueSchemaArn("other-registry", someTopic), false, "another registry's schemas");
        yield return new("worker", "glue:CreateSchema", matrix.GlueRegistryArn("other-registry"), false, "another registry");
        yield return new("worker", "glue:DeleteSchema", matrix.GlueSchemaArn(matrix.Connectors.SelectMany(c => c.UsesGlueConverter ? c.SerializedRecords : []).Select(r => r.Registry).FirstOrDefault() ?? "default-registry", someTopic), false, "deleting schemas");
        yield return new("worker", "secretsmanager:GetSecretValue", matrix.MasterSecretArn, false, "the master user's secret");
        yield return new("worker", "secretsmanager:GetSecretValue", $"arn:aws:secretsmanager:{matrix.Connect.Region}:{matrix.Connect.Account}:secret:other-AbCdEf", false, "another secret");
    }

    private static IEnumerable<AccessRequest> LambdaRequests(AccessMatrix matrix)
    {
        var connectorSecret = matrix.SecretArn("MysqlConnectorSecret");
        var masterSecret = matrix.MasterSecretArn;
        var otherSecret = $"arn:aws:secretsmanager:{matrix.Database.Region}:{matrix.Database.Account}:secret:other-AbCdEf";

        // Database bootstrap: connects as the master user and creates the connector user with its password.
        foreach (var request in Allow("database-bootstrap", "reads the master user's secret", masterSecret, "secretsmanager:GetSecretValue")
            .Concat(Allow("database-bootstrap", "reads the connector user's secret", connectorSecret, "secretsmanager:GetSecretValue"))
            .Concat(Deny("database-bootstrap", "another secret", otherSecret, "secretsmanager:GetSecretValue"))
            .Concat(Deny("database-bootstrap", "changing a secret", connectorSecret, "secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret")))
        {
            yield return request;
        }

        // The healer keeps its restart state in its DynamoDB table, encrypted with its key; it talks to Connect over REST.
        var table = matrix.ResourceArn(matrix.Connect, "AWS::DynamoDB::Table", "HealerState");
        foreach (var request in Allow("healer", "restart state", table, "dynamodb:GetItem", "dynamodb:PutItem")
            .Concat(Deny("healer", "dropping its table", table, "dynamodb:DeleteTable", "dynamodb:Scan"))
            .Concat(Deny("healer", "another table", $"arn:aws:dynamodb:{matrix.Connect.Region}:{matrix.Connect.Account}:table/other", "dynamodb:GetItem"))
            .Concat(Deny("healer", "the connector secret", connectorSecret, "secretsmanager:GetSecretValue"))
            .Concat(Deny("healer", "Kafka", matrix.ClusterArn, "kafka-cluster:Connect")))
        {
            yield return request;
        }

        // The operations function reads the connector user's secret (it writes snapshot signals as that user) and otherwise
        // only calls the Connect REST API.
        foreach (var request in Allow("connector-operations", "writes signals as the connector user", connectorSecret, "secretsmanager:GetSecretValue")
            .Concat(Deny("connector-operations", "the master user's secret", masterSecret, "secretsmanager:GetSecretValue"))
            .Concat(Deny("connector-operations", "another secret", otherSecret, "secretsmanager:GetSecretValue"))
            .Concat(Deny("connector-operations", "changing the connector secret", connectorSecret, "secretsmanager:PutSecretValue"))
            .Concat(Deny("connector-operations", "the healer's state", table, "dynamodb:PutItem"))
            .Concat(Deny("connector-operations", "Kafka", matrix.ClusterArn, "kafka-cluster:Connect")))
        {
            yield return request;
        }

        // The registrar and its status poller only call the Connect REST API.
        foreach (var principal in new[] { "registrar", "registrar-poll" })
        {
            foreach (var request in Deny(principal, "the connector secret", connectorSecret, "secretsmanager:GetSecretValue")
                .Concat(Deny(principal, "Kafka", matrix.ClusterArn, "kafka-cluster:Connect", "kafka-cluster:AlterCluster")))
            {
                yield return request;
            }
        }

        // GetBootstrapBrokers has no resource type in the Service Authorization Reference (iam-data): only "*" can grant it.
        foreach (var request in Allow("bootstrap-broker-reader", "reads the SASL/IAM bootstrap string", "*", "kafka:GetBootstrapBrokers")
            .Concat(Deny("bootstrap-broker-reader", "changing the cluster", matrix.ClusterArn, "kafka:DeleteCluster", "kafka:UpdateBrokerCount", "kafka:UpdateSecurity"))
            .Concat(Deny("bootstrap-broker-reader", "Kafka data", matrix.KafkaResourceArn("topic", "fullfillment.test_db.person"), "kafka-cluster:ReadData")))
        {
            yield return request;
        }

        // The CloudWatch agent scrapes the workers and writes with AWS's CloudWatchAgentServerPolicy only.
        foreach (var request in Deny("metrics-scraper", "the connector secret", connectorSecret, "secretsmanager:GetSecretValue")
            .Concat(Deny("metrics-scraper", "Kafka", matrix.ClusterArn, "kafka-cluster:Connect")))
        {
            yield return request;
        }
    }

    public static IReadOnlyList<AccessRequest> AllRequests(AccessMatrix matrix) =>
        [.. WorkerRequests(matrix), .. ConnectorRequests(matrix), .. SinkRequests(matrix), .. LakehouseRequests(matrix), .. WorkerDenials(matrix), .. LambdaRequests(matrix)];

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_matrix_covers_one_iceberg_sink_per_landed_connector_with_its_tables(string environment)
    {
        var matrix = Matrix(environment);

        Assert.Equal(matrix.Connectors.Count, matrix.Sinks.Count);
        Assert.All(matrix.Sinks, sink =>
        {
            Assert.NotEmpty(sink.Topics);
            Assert.Equal(sink.Topics.Count, sink.Tables.Count);
            Assert.NotEqual("control-iceberg", sink.ControlTopic);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_client_is_allowed_what_it_does_and_denied_what_it_must_not(string environment)
    {
        var matrix = Matrix(environment);

        var failures = IamSimulator.Evaluate(matrix.Principals, AllRequests(matrix))
            // An evaluation error is never a pass: a must-deny request that errors (a mistyped action, an ARN of no
            // resource type, a policy the engine cannot read) would otherwise prove nothing about the policy.
            .Where(result => (result.Decision == "Allowed") != result.Request.MustBeAllowed || result.Error is not null)
            .Select(result => $"{result.Request} -> {result.Decision} {result.Error}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_matrix_covers_every_connector_and_topic_kind(string environment)
    {
        var matrix = Matrix(environment);
        var requests = AllRequests(matrix);

        Assert.Equal(platform.Configuration.Platform.Environments.Single(e => e.Name == environment).Connect.Connectors.Count, matrix.Connectors.Count);
        Assert.All(matrix.Connectors, connector =>
        {
            Assert.NotNull(connector.SchemaChangeTopic);
            Assert.NotNull(connector.HeartbeatTopic);
            Assert.Contains(requests, request => request.Resource.EndsWith($"/{connector.HistoryGroup}", StringComparison.Ordinal));
        });
        Assert.Single(matrix.MountedSecrets);
        Assert.Contains(matrix.Connectors, connector => connector.UsesGlueConverter);
    }

    /// <summary>The history group Debezium joins is granted exactly (issue 16, B2): derived from the config, not the grant helper.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void The_schema_history_group_debezium_joins_is_the_one_granted(string environment)
    {
        var matrix = Matrix(environment);

        Assert.All(matrix.Connectors, connector => Assert.Equal($"{connector.TopicPrefix}-schemahistory", connector.HistoryGroup));
        Assert.All(matrix.ConnectorConfigs.Values, config => Assert.True(config.ContainsKey("schema.history.internal.name"), "schema.history.internal.name is set explicitly"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_metrics_scraper_has_only_the_cloudwatch_agent_managed_policy(string environment)
    {
        var matrix = Matrix(environment);

        Assert.Equal(["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"], matrix.ManagedPolicyArns("metrics-scraper"));
        Assert.Empty(matrix.Principals["metrics-scraper"].Policies);
    }

    /// <summary>Every role in every template is in the matrix or is one CDK creates for its own constructs; a new role needs a decision.</summary>
    [Fact]
    public void Every_role_is_covered_by_the_matrix_or_is_cdk_managed()
    {
        string[] cdkManaged =
        [
            "EksCluster", "kcc", "awscdkawseks", "AWSCDKCfnUtilsProvider", "RegistrarProviderframework", "RegistrarProviderwaiterstatemachine",
            "BootstrapProviderframework", "TablesProviderframework", "NetworkVpcAllTraffic", "CustomVpcRestrictDefaultSG", "MysqlInstanceMonitoringRole", "CustomS3AutoDeleteObjects",
            "LogRetention", "PipelineRole", "Pipeline", "CdkPipeline", "AWS679f53fac002430cb0da5b7982bd2287",
        ];
        var roles = platform.AllStacks
            .SelectMany(stack => platform.TemplateJsonOf(stack)["Resources"]!.AsObject()
                .Where(pair => (string?)pair.Value!["Type"] == "AWS::IAM::Role")
                .Select(pair => $"{stack.StackName}/{pair.Key}"));

        Assert.All(roles, role => Assert.True(
            AccessMatrix.CoveredRoles.Any(covered => role.Split('/')[1].StartsWith(covered.RolePrefix, StringComparison.Ordinal))
            || cdkManaged.Any(prefix => role.Split('/')[1].StartsWith(prefix, StringComparison.Ordinal)),
            $"{role} is neither in the access matrix nor a known CDK-managed role"));
    }

    /// <summary>Every action in every policy document of every template (identity and resource policies) exists in iam-data.</summary>
    [Fact]
    public void Every_iam_action_in_every_template_exists()
    {
        var templates = platform.AllStacks.Select(stack => platform.TemplateJsonOf(stack));
        var actions = templates.SelectMany(ActionsIn).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

        Assert.True(actions.Count > 50, $"only {actions.Count} actions found");
        Assert.Empty(IamSimulator.UnknownActions(actions));
    }

    private static IEnumerable<string> ActionsIn(JsonNode? node) => node switch
    {
        JsonObject obj when obj["Statement"] is JsonArray statements => statements.SelectMany(statement =>
            (statement!["Action"] ?? statement["NotAction"]) switch
            {
                JsonArray list => list.Select(action => (string?)action).OfType<string>(),
                JsonValue single => [(string)single!],
                _ => [],
            }).Concat(obj.Where(pair => pair.Key != "Statement").SelectMany(pair => ActionsIn(pair.Value))),
        JsonObject obj => obj.SelectMany(pair => ActionsIn(pair.Value)),
        JsonArray array => array.SelectMany(ActionsIn),
        _ => [],
    };
}
