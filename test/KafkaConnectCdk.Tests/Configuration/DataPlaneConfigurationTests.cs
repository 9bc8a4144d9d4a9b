using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class DataPlaneConfigurationTests
{
    private const string ValidPlatform = """
        {
          "project": "kcc",
          "environments": [
            { "name": "dev", "account": "111111111111", "region": "eu-west-1", "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" } },
            { "name": "prod", "account": "222222222222", "region": "eu-west-1", "production": true, "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" } }
          ]
        }
        """;

    private static string ErrorWhen(Action<JsonNode, JsonNode> change)
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        change(platform["environments"]![0]!, platform["environments"]![1]!);
        return Assert.Throws<ConfigurationException>(() => PlatformConfigLoader.FromJson(platform.ToJsonString())).Message;
    }

    [Fact]
    public void Defaults_are_production_safe()
    {
        var prod = PlatformConfigLoader.FromJson(ValidPlatform).Platform.Environments[1];

        Assert.Equal(3, prod.Msk.BrokerCount);
        Assert.Equal("8.4.10", prod.Database.EngineVersion);
        Assert.True(prod.DatabaseMultiAz);
        Assert.Equal("BACKWARD", prod.SchemaRegistry.Compatibility);
    }

    [Theory]
    [InlineData(4, "4 brokers cannot hold 3 replicas spread evenly over 3 zones. Fix: use a multiple of 3 of at least 3 (e.g. 3 or 6)")]
    [InlineData(1, "1 brokers cannot hold 3 replicas spread evenly over 3 zones")]
    public void Fails_when_the_broker_count_is_not_a_multiple_of_the_zones(int brokers, string problem) =>
        Assert.Contains($"platform.environments[0](dev).msk.brokerCount: {problem}", ErrorWhen((dev, _) => dev["msk"] = new JsonObject { ["brokerCount"] = brokers }));

    [Fact]
    public void Two_zones_need_four_brokers_for_three_replicas() =>
        Assert.Contains(
            "platform.environments[0](dev).msk.brokerCount: 2 brokers cannot hold 3 replicas spread evenly over 2 zones. Fix: use a multiple of 2 of at least 3 (e.g. 4 or 6).",
            ErrorWhen((dev, _) =>
            {
                dev["network"] = new JsonObject { ["availabilityZones"] = new JsonArray("eu-west-1a", "eu-west-1b") };
                dev["msk"] = new JsonObject { ["brokerCount"] = 2 };
            }));

    [Fact]
    public void Fails_when_the_kafka_version_is_unknown_to_msk() =>
        Assert.Contains(
            "platform.environments[0](dev).msk.kafkaVersion: '2.8.1' is not a Kafka version MSK supports for new clusters. Fix: use one of 3.8.x, 3.8.x.kraft, 3.9.x, 3.9.x.kraft, 4.0.x.kraft, 4.1.x.kraft.",
            ErrorWhen((dev, _) => dev["msk"] = new JsonObject { ["kafkaVersion"] = "2.8.1" }));

    [Theory]
    [InlineData("volumeSizeGiB", 0, "0 GiB is outside 1 to 16384")]
    [InlineData("volumeSizeGiB", 20000, "20000 GiB is outside 1 to 16384")]
    [InlineData("maxVolumeSizeGiB", 50, "50 GiB is outside 100 (the initial size) to 16384")]
    [InlineData("storageTargetUtilizationPercent", 95, "95 is outside 10 to 90")]
    public void Fails_when_broker_storage_is_out_of_range(string key, int value, string problem) =>
        Assert.Contains($"platform.environments[0](dev).msk.{key}: {problem}", ErrorWhen((dev, _) => dev["msk"] = new JsonObject { [key] = value }));

    [Fact]
    public void Fails_when_the_broker_type_is_not_an_msk_type() =>
        Assert.Contains(
            "platform.environments[0](dev).msk.brokerInstanceType: 'm7g.large' is not an MSK broker type. Fix: use a name such as kafka.m7g.large.",
            ErrorWhen((dev, _) => dev["msk"] = new JsonObject { ["brokerInstanceType"] = "m7g.large" }));

    [Theory]
    [InlineData(0, "0 days is outside 1 to 35. Fix: RDS keeps binary logs only while automated backups are on")]
    [InlineData(36, "36 days is outside 1 to 35")]
    public void Fails_when_backup_retention_is_outside_rds_limits(int days, string problem) =>
        Assert.Contains($"platform.environments[0](dev).database.backupRetentionDays: {problem}", ErrorWhen((dev, _) => dev["database"] = new JsonObject { ["backupRetentionDays"] = days }));

    [Fact]
    public void Fails_when_production_runs_without_a_standby() =>
        Assert.Contains(
            "platform.environments[1](prod).database.multiAz: a production database without a standby.",
            ErrorWhen((_, prod) => prod["database"] = new JsonObject { ["multiAz"] = false }));

    [Theory]
    [InlineData("5.7.44", "'5.7.44' is not a supported MySQL version")]
    [InlineData("8.4", "'8.4' is not a supported MySQL version")]
    public void Fails_when_the_mysql_version_is_unsupported(string version, string problem) =>
        Assert.Contains($"platform.environments[0](dev).database.engineVersion: {problem}", ErrorWhen((dev, _) => dev["database"] = new JsonObject { ["engineVersion"] = version }));

    [Fact]
    public void Fails_when_the_instance_class_carries_the_db_prefix() =>
        Assert.Contains(
            "platform.environments[0](dev).database.instanceClass: 'db.r7g.large' carries the db. prefix. Fix: write it without the prefix: r7g.large.",
            ErrorWhen((dev, _) => dev["database"] = new JsonObject { ["instanceClass"] = "db.r7g.large" }));

    [Theory]
    [InlineData("allocatedStorageGiB", 10, "10 GiB is outside RDS's 20 to 65536")]
    [InlineData("maxAllocatedStorageGiB", 50, "50 GiB is outside 100 (the allocated storage) to 65536")]
    [InlineData("monitoringIntervalSeconds", 7, "7 is not an enhanced monitoring interval")]
    [InlineData("binlogRetentionHours", 200, "200 hours is outside RDS's 1 to 168")]
    public void Fails_when_database_settings_are_out_of_range(string key, int value, string problem) =>
        Assert.Contains($"platform.environments[0](dev).database.{key}: {problem}", ErrorWhen((dev, _) => dev["database"] = new JsonObject { [key] = value }));

    [Fact]
    public void Fails_when_the_database_name_is_invalid() =>
        Assert.Contains(
            "platform.environments[0](dev).database.databaseName: 'test-db' is not a MySQL database name RDS accepts.",
            ErrorWhen((dev, _) => dev["database"] = new JsonObject { ["databaseName"] = "test-db" }));

    [Fact]
    public void Fails_when_the_registry_name_has_invalid_characters() =>
        Assert.Contains(
            "platform.environments[0](dev).schemaRegistry.name: 'cdc registry!' is not a valid registry name.",
            ErrorWhen((dev, _) => dev["schemaRegistry"] = new JsonObject { ["name"] = "cdc registry!" }));

    [Fact]
    public void Fails_when_the_compatibility_mode_is_unknown() =>
        Assert.Contains(
            "platform.environments[0](dev).schemaRegistry.compatibility: 'BACKWARDS' is not a Glue compatibility mode. Fix: use one of NONE, DISABLED, BACKWARD, BACKWARD_ALL, FORWARD, FORWARD_ALL, FULL, FULL_ALL.",
            ErrorWhen((dev, _) => dev["schemaRegistry"] = new JsonObject { ["compatibility"] = "BACKWARDS" }));

    [Fact]
    public void Fails_when_a_declared_avro_schema_is_not_json() =>
        Assert.Contains(
            "platform.environments[0](dev).schemaRegistry.schemas[0].definition: an AVRO definition is not valid JSON.",
            ErrorWhen((dev, _) => dev["schemaRegistry"] = new JsonObject
            {
                ["schemas"] = new JsonArray(new JsonObject { ["name"] = "person-value", ["definition"] = "record Person {" }),
            }));

    [Fact]
    public void Fails_when_a_schema_is_declared_twice() =>
        Assert.Contains(
            "platform.environments[0](dev).schemaRegistry.schemas: the value schema 'person-value' is declared 2 times.",
            ErrorWhen((dev, _) => dev["schemaRegistry"] = new JsonObject
            {
                ["schemas"] = new JsonArray(
                    new JsonObject { ["name"] = "person-value", ["definition"] = "{}" },
                    new JsonObject { ["name"] = "person-value", ["definition"] = "{}" }),
            }));
}
