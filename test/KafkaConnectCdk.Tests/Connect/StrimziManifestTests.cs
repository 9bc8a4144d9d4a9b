using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

[Trait("Category", "Unit")]
public sealed class StrimziManifestTests
{
    private static JsonObject KafkaConnect(string mode = ConnectorManagementModes.Rest) =>
        ManifestSerializer.ToJson(ConnectManifests.KafkaConnect(ConnectFixtures.Settings(mode)));

    [Theory]
    [InlineData(ConnectorManagementModes.Rest)]
    [InlineData(ConnectorManagementModes.Strimzi)]
    public void The_kafka_connect_manifest_is_valid_against_the_strimzi_1_2_0_crd(string mode) =>
        Assert.Empty(StrimziSchemas.Validate(StrimziSchemas.KafkaConnect, KafkaConnect(mode)));

    [Fact]
    public void Every_kafka_connector_manifest_is_valid_against_the_strimzi_1_2_0_crd()
    {
        var connectors = ConnectManifests.KafkaConnectors(ConnectFixtures.Settings(ConnectorManagementModes.Strimzi).Connect, ConnectFixtures.Connectors());

        Assert.Equal(2, connectors.Count);
        Assert.All(connectors, connector => Assert.Empty(StrimziSchemas.Validate(StrimziSchemas.KafkaConnector, ManifestSerializer.ToJson(connector))));
    }

    /// <summary>
    /// Strimzi 1.2.0's KafkaConnector CRD (047-Crd-kafkaconnector.yaml, spec.config): "The following properties cannot be
    /// set: ...". The class and the task count go to spec.class and spec.tasksMax, from the typed connector.
    /// </summary>
    [Fact]
    public void No_kafka_connector_config_holds_a_key_the_crd_forbids_and_class_and_tasks_come_from_the_typed_connector()
    {
        var forbidden = StrimziSchemas.KafkaConnectorForbiddenConfigKeys();
        Assert.Contains("tasks.max", forbidden);
        // A sink of two tables runs two tasks: the count must come from the typed connector, not a constant.
        var source = ConnectFixtures.JsonConnector;
        var person = SchemaGate.SqlParser.ParseCreateTable(RepositoryFiles.Read("migrations", "schema", "person.sql"), "test_db");
        var sink = IcebergSinkConnectorConfig.Managed(
            new IcebergSinkDefinition(source, [new KafkaConnectCdk.Lakehouse.LandedTable(source, person), new KafkaConnectCdk.Lakehouse.LandedTable(source, person with { Name = "orders" })]),
            new IcebergSinkEnvironment(ConnectFixtures.Environment, "kcc_dev_lakehouse", "s3://bucket/warehouse", 300));
        IReadOnlyList<ManagedConnector> typed = [.. ConnectFixtures.Connectors(), sink];
        Assert.Equal(2, sink.TasksMax);

        foreach (var (connector, resource) in typed.Zip(ConnectManifests.KafkaConnectors(ConnectFixtures.Settings(ConnectorManagementModes.Strimzi).Connect, typed)))
        {
            var manifest = ManifestSerializer.ToJson(resource);
            Assert.All(forbidden, key => Assert.Null(manifest["spec"]!["config"]![key]));
            Assert.Equal(connector.ConnectorClass, (string?)manifest["spec"]!["class"]);
            Assert.Equal(connector.TasksMax, (int?)manifest["spec"]!["tasksMax"]);
        }
    }

    [Fact]
    public void A_typed_connector_refuses_its_class_or_task_count_among_its_settings()
    {
        foreach (var key in new[] { "connector.class", "tasks.max" })
        {
            var error = Assert.Throws<ArgumentException>(() => new ManagedConnector("people", ConnectorRole.Source, DebeziumConnectorConfig.ConnectorClass, 1, new Dictionary<string, string> { [key] = "x" }, "hash"));
            Assert.Contains("people", error.Message, StringComparison.Ordinal);
        }
    }

    private static JsonObject SecretProviderClass() =>
        ManifestSerializer.ToJson(ConnectManifests.SecretProviderClass(ConnectFixtures.Settings(ConnectorManagementModes.Rest)));

    /// <summary>
    /// The Secrets Store CSI driver's CRD (kubernetes-sigs/secrets-store-csi-driver
    /// charts/secrets-store-csi-driver/crds/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml@v1.6.0, vendored in
    /// Reference/secrets-store-csi-driver): spec.provider, spec.parameters (string values only) and spec.secretObjects.
    /// </summary>
    [Fact]
    public void The_secret_provider_class_is_valid_against_the_secrets_store_csi_driver_crd()
    {
        var manifest = SecretProviderClass();
        var (apiVersion, kind) = StrimziSchemas.TypeOf(StrimziSchemas.SecretProviderClassCrdPath, "v1");

        Assert.Empty(StrimziSchemas.Validate(StrimziSchemas.SecretProviderClass, manifest));
        Assert.Equal(apiVersion, (string?)manifest["apiVersion"]);
        Assert.Equal(kind, (string?)manifest["kind"]);
        // Syncing to a Kubernetes Secret would copy the password out of Secrets Manager.
        Assert.Null(manifest["spec"]!["secretObjects"]);
    }

    [Theory]
    [InlineData("providers")]
    [InlineData("parameter")]
    public void A_misspelled_secret_provider_class_field_fails_the_crd_validation(string misspelled)
    {
        var manifest = SecretProviderClass();
        manifest["spec"]![misspelled] = "aws";

        Assert.NotEmpty(StrimziSchemas.Validate(StrimziSchemas.SecretProviderClass, manifest));
    }

    [Fact]
    public void A_non_string_provider_parameter_fails_the_crd_validation()
    {
        var manifest = SecretProviderClass();
        manifest["spec"]!["parameters"]!["usePodIdentity"] = true;

        Assert.NotEmpty(StrimziSchemas.Validate(StrimziSchemas.SecretProviderClass, manifest));
    }

    [Fact]
    public void A_misspelled_field_fails_the_crd_validation()
    {
        var manifest = KafkaConnect();
        manifest["spec"]!["replica"] = 3;

        Assert.NotEmpty(StrimziSchemas.Validate(StrimziSchemas.KafkaConnect, manifest));
    }

    [Fact]
    public void The_cluster_uses_the_v1_api_and_the_fields_v1_requires()
    {
        var manifest = KafkaConnect();
        var spec = manifest["spec"]!;

        Assert.Equal("kafka.strimzi.io/v1", (string?)manifest["apiVersion"]);
        Assert.Equal("kcc-dev-connect", (string?)spec["groupId"]);
        Assert.Equal("kcc-dev-connect-configs", (string?)spec["configStorageTopic"]);
        Assert.Equal("kcc-dev-connect-offsets", (string?)spec["offsetStorageTopic"]);
        Assert.Equal("kcc-dev-connect-status", (string?)spec["statusStorageTopic"]);
        Assert.Null(spec["build"]);
        Assert.StartsWith("111111111111.dkr.ecr.", (string?)spec["image"], StringComparison.Ordinal);
    }

    /// <summary>Keys Strimzi forbids in spec.config (it owns them), from the KafkaConnect CRD's documentation.</summary>
    public static readonly string[] ForbiddenConfigPrefixes =
    [
        "group.id", "config.storage.topic", "offset.storage.topic", "status.storage.topic", "ssl.", "sasl.", "security.",
        "listeners", "plugin.path", "rest.", "bootstrap.servers", "consumer.interceptor.classes", "producer.interceptor.classes",
        "prometheus.metrics.reporter.",
    ];

    [Fact]
    public void The_worker_config_sets_no_key_strimzi_owns()
    {
        var keys = KafkaConnect().At("spec", "config").AsObject().Select(pair => pair.Key);

        Assert.All(keys, key => Assert.DoesNotContain(ForbiddenConfigPrefixes, prefix => key.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("config.storage.replication.factor", "3")]
    [InlineData("offset.storage.replication.factor", "3")]
    [InlineData("status.storage.replication.factor", "3")]
    [InlineData("topic.creation.enable", "true")]
    [InlineData("key.converter", "org.apache.kafka.connect.json.JsonConverter")]
    [InlineData("value.converter", "org.apache.kafka.connect.json.JsonConverter")]
    [InlineData("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider")]
    public void The_worker_config_is_durable_and_json_by_default(string key, string value) =>
        Assert.Equal(value, (string?)KafkaConnect().At("spec", "config", key));

    [Fact]
    public void Workers_authenticate_to_msk_with_iam_over_tls()
    {
        var spec = KafkaConnect()["spec"]!;
        var authentication = spec["authentication"]!;

        Assert.Equal("custom", (string?)authentication["type"]);
        Assert.True((bool?)authentication["sasl"]);
        Assert.Equal("AWS_MSK_IAM", (string?)authentication.At("config", "sasl.mechanism"));
        Assert.Equal("software.amazon.msk.auth.iam.IAMLoginModule required;", (string?)authentication.At("config", "sasl.jaas.config"));
        Assert.Equal("software.amazon.msk.auth.iam.IAMClientCallbackHandler", (string?)authentication.At("config", "sasl.client.callback.handler.class"));
        Assert.All(authentication["config"]!.AsObject(), pair => Assert.StartsWith("sasl.", pair.Key, StringComparison.Ordinal));
        Assert.NotNull(spec["tls"]);
        Assert.Contains(":9098", (string?)spec["bootstrapServers"], StringComparison.Ordinal);
    }

    [Fact]
    public void Three_workers_spread_over_zones_with_one_allowed_down()
    {
        var spec = KafkaConnect()["spec"]!;
        var spread = Assert.Single(spec.At("template", "pod", "topologySpreadConstraints").AsArray())!;

        Assert.Equal(3, (int?)spec["replicas"]);
        Assert.Equal("topology.kubernetes.io/zone", (string?)spread["topologyKey"]);
        Assert.Equal("DoNotSchedule", (string?)spread["whenUnsatisfiable"]);
        Assert.Equal("cdc", (string?)spread.At("labelSelector", "matchLabels", "strimzi.io/cluster"));
        Assert.Equal("topology.kubernetes.io/zone", (string?)spec.At("rack", "topologyKey"));
        Assert.Equal(1, (int?)spec.At("template", "podDisruptionBudget", "maxUnavailable"));
    }

    [Fact]
    public void Workers_have_requests_limits_a_fixed_heap_and_prometheus_metrics()
    {
        var spec = KafkaConnect()["spec"]!;

        Assert.Equal("4Gi", (string?)spec.At("resources", "requests", "memory"));
        Assert.Equal("4Gi", (string?)spec.At("resources", "limits", "memory"));
        Assert.Equal("3g", (string?)spec.At("jvmOptions", "-Xmx"));
        Assert.Equal("3g", (string?)spec.At("jvmOptions", "-Xms"));
        Assert.Equal("jmxPrometheusExporter", (string?)spec.At("metricsConfig", "type"));
        Assert.Equal("cdc-connect-metrics", (string?)spec.At("metricsConfig", "valueFrom", "configMapKeyRef", "name"));
    }

    [Fact]
    public void The_connector_password_is_mounted_from_secrets_manager_not_copied()
    {
        var spec = KafkaConnect()["spec"]!;
        var volume = Assert.Single(spec.At("template", "pod", "volumes").AsArray())!;
        var provider = ManifestSerializer.ToJson(ConnectManifests.SecretProviderClass(ConnectFixtures.Settings(ConnectorManagementModes.Rest)));

        Assert.Equal("secrets-store.csi.k8s.io", (string?)volume.At("csi", "driver"));
        Assert.Equal("/mnt/connector-secrets", (string?)spec.At("template", "connectContainer", "volumeMounts", 0, "mountPath"));
        Assert.Equal("true", (string?)provider.At("spec", "parameters", "usePodIdentity"));
        Assert.Contains("path: password", (string?)provider.At("spec", "parameters", "objects"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConnectorManagementModes.Rest, "false")]
    [InlineData(ConnectorManagementModes.Strimzi, "true")]
    public void The_management_modes_never_mix(string mode, string useConnectorResources) =>
        Assert.Equal(useConnectorResources, (string?)KafkaConnect(mode).At("metadata", "annotations", "strimzi.io/use-connector-resources"));

    [Fact]
    public void Operator_managed_connectors_restart_automatically_with_a_cap()
    {
        var connector = ManifestSerializer.ToJson(ConnectManifests.KafkaConnectors(ConnectFixtures.Settings(ConnectorManagementModes.Strimzi).Connect, ConnectFixtures.Connectors())[0]);

        Assert.True((bool?)connector.At("spec", "autoRestart", "enabled"));
        Assert.Equal(10, (int?)connector.At("spec", "autoRestart", "maxRestarts"));
        Assert.Equal(1, (int?)connector.At("spec", "tasksMax"));
        Assert.Equal("io.debezium.connector.mysql.MySqlConnector", (string?)connector.At("spec", "class"));
        Assert.Null(connector["spec"]!["config"]!["connector.class"]);
    }

    [Fact]
    public void The_rest_api_is_exposed_only_through_an_internal_nlb_with_its_own_security_group()
    {
        var service = KubernetesObjects.ToJson(ConnectManifests.RestLoadBalancerService(ConnectFixtures.Settings(ConnectorManagementModes.Rest)));
        var annotations = service.At("metadata", "annotations");

        Assert.Equal("internal", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"]);
        Assert.Equal("sg-0123456789abcdef0", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-security-groups"]);
        Assert.Equal("service.k8s.aws/nlb", (string?)service.At("spec", "loadBalancerClass"));
        Assert.Equal(8083, (int?)service.At("spec", "ports", 0, "port"));
    }

    [Fact]
    public void The_network_policy_admits_8083_from_the_load_balancer_subnets_and_the_workers_not_from_the_node_subnets()
    {
        // The old policy admitted the private (node) subnets, i.e. every pod of the cluster (issue 17).
        var settings = ConnectFixtures.Settings(ConnectorManagementModes.Rest);
        var policy = KubernetesObjects.ToJson(ConnectManifests.RestNetworkPolicy(settings));
        var rest = policy.At("spec", "ingress").AsArray().Single(rule => (int?)rule!["ports"]![0]!["port"] == 8083)!;
        var cidrs = rest["from"]!.AsArray().Select(peer => (string?)peer!["ipBlock"]?["cidr"]).OfType<string>().ToList();

        Assert.Equal(settings.RestLoadBalancerSubnetCidrs, cidrs);
        Assert.DoesNotContain(cidrs, cidr => cidr.EndsWith("/19", StringComparison.Ordinal));
        Assert.Contains(rest["from"]!.AsArray(), peer => peer!["podSelector"]?["matchLabels"]?["strimzi.io/kind"]?.GetValue<string>() == "KafkaConnect");
        Assert.DoesNotContain(rest["from"]!.AsArray(), peer => peer!["namespaceSelector"] is not null);
    }

    [Fact]
    public void In_strimzi_mode_the_operator_is_admitted_from_its_namespace_only()
    {
        var policy = KubernetesObjects.ToJson(ConnectManifests.RestNetworkPolicy(ConnectFixtures.Settings(ConnectorManagementModes.Strimzi)));
        var rest = policy.At("spec", "ingress").AsArray().Single(rule => (int?)rule!["ports"]![0]!["port"] == 8083)!;
        var operatorPeer = Assert.Single(rest["from"]!.AsArray(), peer => peer!["namespaceSelector"] is not null)!;

        Assert.Equal("strimzi", (string?)operatorPeer.At("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
        // Strimzi 1.2.0's own Connect policy selects the operator by this label (KafkaConnectCluster.generateNetworkPolicy).
        Assert.Equal("cluster-operator", (string?)operatorPeer.At("podSelector", "matchLabels", "strimzi.io/kind"));
    }
}
