using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class DatabaseStackTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Database);

    private Template Dev => platform.TemplateOf(platform.Environment("dev").Database);

    private static JsonObject Instance(Template template) => Assert.Single(template.ResourcesOfType("AWS::RDS::DBInstance"));

    [Fact]
    public void The_engine_is_mysql_8_4()
    {
        var properties = Instance(Prod)["Properties"]!;

        Assert.Equal("mysql", (string?)properties["Engine"]);
        Assert.Equal("8.4.10", (string?)properties["EngineVersion"]);
    }

    /// <summary>
    /// RDS applies automatic minor upgrades in the maintenance window
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.MySQL.Minor.html), after which a
    /// template that pins the version it started with names one below the running instance. CloudFormation only takes
    /// full versions (template validation E9006 rejects "8.4"), so the template pins and RDS does not upgrade (issue 16, item 9).
    /// </summary>
    [Fact]
    public void The_engine_version_is_pinned_and_never_upgraded_behind_the_template()
    {
        foreach (var template in new[] { Prod, Dev })
        {
            var properties = Instance(template)["Properties"]!;

            Assert.Equal(3, ((string)properties["EngineVersion"]!).Split('.').Length);
            Assert.False((bool?)properties["AutoMinorVersionUpgrade"]);
        }
    }

    /// <summary>
    /// RDS writes the slow query log only with slow_query_log=1 and publishes it to CloudWatch Logs only with
    /// log_output=FILE (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQLDB.PublishtoCloudWatchLogs.html).
    /// </summary>
    [Fact]
    public void The_exported_slow_query_log_is_written()
    {
        var properties = Instance(Prod)["Properties"]!;
        var parameters = Assert.Single(Prod.PropertiesOfType("AWS::RDS::DBParameterGroup"))["Parameters"]!;

        Assert.Contains("slowquery", properties["EnableCloudwatchLogsExports"]!.AsArray().Select(log => (string?)log));
        Assert.Equal("1", (string?)parameters["slow_query_log"]);
        Assert.Equal("FILE", (string?)parameters["log_output"]);
        Assert.InRange(double.Parse((string)parameters["long_query_time"]!, System.Globalization.CultureInfo.InvariantCulture), 0.1, 10);
    }

    [Fact]
    public void Production_runs_multi_az_and_dev_single_az()
    {
        Assert.True((bool?)Instance(Prod)["Properties"]!["MultiAZ"]);
        Assert.False((bool?)Instance(Dev)["Properties"]!["MultiAZ"]);
    }

    [Theory]
    [InlineData("binlog_format", "ROW")]
    [InlineData("binlog_row_image", "FULL")]
    [InlineData("gtid-mode", "ON")]
    [InlineData("enforce_gtid_consistency", "ON")]
    [InlineData("require_secure_transport", "ON")]
    public void The_parameter_group_is_ready_for_debezium(string parameter, string value)
    {
        var parameterGroup = Assert.Single(Prod.PropertiesOfType("AWS::RDS::DBParameterGroup"));

        Assert.Equal(value, (string?)parameterGroup["Parameters"]![parameter]);
        Assert.Equal("mysql8.4", (string?)parameterGroup["Family"]);
    }

    [Fact]
    public void Storage_is_encrypted_with_a_rotating_customer_managed_key_and_grows_automatically()
    {
        var properties = Instance(Prod)["Properties"]!;
        var key = Prod.View().Resource((string)properties["KmsKeyId"]!["Fn::GetAtt"]![0]!);

        Assert.True((bool?)properties["StorageEncrypted"]);
        Assert.True((bool?)key["Properties"]!["EnableKeyRotation"]);
        Assert.Equal("gp3", (string?)properties["StorageType"]);
        Assert.Equal("100", (string?)properties["AllocatedStorage"]);
        Assert.Equal(1000, (int?)properties["MaxAllocatedStorage"]);
    }

    [Fact]
    public void The_instance_lives_in_isolated_subnets()
    {
        var subnetGroup = Assert.Single(Prod.PropertiesOfType("AWS::RDS::DBSubnetGroup"));
        var subnets = subnetGroup["SubnetIds"]!.AsArray().Select(subnet => subnet!.ToJsonString()).ToList();

        Assert.Equal(3, subnets.Count);
        Assert.All(subnets, subnet => Assert.Contains("IsolatedSubnet", subnet, StringComparison.Ordinal));
        Assert.False((bool?)Instance(Prod)["Properties"]!["PubliclyAccessible"] ?? false);
    }

    [Fact]
    public void Production_keeps_a_snapshot_and_is_protected_from_deletion()
    {
        var instance = Instance(Prod);

        Assert.Equal("Snapshot", (string?)instance["DeletionPolicy"]);
        Assert.True((bool?)instance["Properties"]!["DeletionProtection"]);
        Assert.Equal(14, (int?)instance["Properties"]!["BackupRetentionPeriod"]);
        Assert.Equal("Delete", (string?)Instance(Dev)["DeletionPolicy"]);
    }

    [Fact]
    public void Performance_insights_and_enhanced_monitoring_are_on()
    {
        var properties = Instance(Prod)["Properties"]!;

        Assert.True((bool?)properties["EnablePerformanceInsights"]);
        Assert.NotNull(properties["PerformanceInsightsKMSKeyId"]);
        Assert.Equal(60, (int?)properties["MonitoringInterval"]);
    }

    [Fact]
    public void Error_and_slow_query_logs_are_exported_to_encrypted_log_groups_created_first()
    {
        var instance = Instance(Prod);
        var logGroups = Prod.PropertiesOfType("AWS::Logs::LogGroup").Where(group => group["LogGroupName"] is not null).ToList();

        Assert.Equal(["error", "slowquery"], instance["Properties"]!["EnableCloudwatchLogsExports"]!.AsArray().Select(log => (string?)log));
        Assert.Equal(
            ["/aws/rds/instance/kcc-prod-mysql/error", "/aws/rds/instance/kcc-prod-mysql/slowquery"],
            logGroups.Select(group => (string?)group["LogGroupName"]).Order());
        Assert.All(logGroups, group => Assert.NotNull(group["KmsKeyId"]));
        Assert.Equal(2, instance["DependsOn"]!.AsArray().Count(dependency => ((string?)dependency)!.Contains("Log", StringComparison.Ordinal)));
    }

    [Fact]
    public void Mysql_is_admitted_only_from_the_connect_workers_and_the_bootstrap()
    {
        var ingress = Prod.PropertiesOfType("AWS::EC2::SecurityGroupIngress");

        Assert.Equal(2, ingress.Count);
        Assert.All(ingress, rule => Assert.Null(rule["CidrIp"]));
        var workers = Assert.Single(ingress, rule => rule["SourceSecurityGroupId"]!.ToJsonString().Contains("ConnectWorkers", StringComparison.Ordinal));
        Assert.Equal(3306, (int?)workers["FromPort"]);
        Assert.Equal(3306, (int?)workers["ToPort"]);
    }

    /// <summary>
    /// RDS manages and rotates the master password (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html),
    /// encrypted with the database key. The Serverless Application Repository rotation function it replaces verifies the
    /// server against the Lambda runtime's /etc/pki/tls/cert.pem and falls back to plaintext, which
    /// require_secure_transport=ON refuses (aws-samples/aws-secrets-manager-rotation-lambdas
    /// SecretsManagerRDSMySQLRotationSingleUser/lambda_function.py, connect_and_authenticate) (issue 16, item 7).
    /// </summary>
    [Fact]
    public void Rds_manages_and_rotates_the_master_password_without_a_rotation_function()
    {
        var properties = Instance(Prod)["Properties"]!;

        Assert.True((bool?)properties["ManageMasterUserPassword"]);
        Assert.Null(properties["MasterUserPassword"]);
        Assert.Contains("MysqlKey", properties["MasterUserSecret"]!["KmsKeyId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Prod.ResourcesOfType("AWS::SecretsManager::RotationSchedule"));
        Assert.Empty(Prod.ResourcesOfType("AWS::Serverless::Application"));
        Assert.Equal("kcc-prod/mysql/connector", (string?)Assert.Single(Prod.PropertiesOfType("AWS::SecretsManager::Secret"))["Name"]);
    }
}

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class DatabaseBootstrapWiringTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Database);

    [Fact]
    public void The_bootstrap_resource_references_the_secrets_and_never_holds_a_password()
    {
        var resource = Assert.Single(Prod.PropertiesOfType("Custom::CdcDatabaseBootstrap"));

        Assert.Equal("72", (string?)resource["BinlogRetentionHours"]);
        Assert.Equal("initial", (string?)resource["SnapshotMode"]);
        Assert.Equal("false", (string?)resource["DropUserOnDelete"]);
        Assert.Contains("ConnectorSecret", resource["ConnectorSecretArn"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("MasterUserSecret.SecretArn", resource["MasterSecretArn"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("password", resource.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_bootstrap_creates_exactly_the_control_tables_every_connector_writes_and_signals_through()
    {
        var resource = Assert.Single(Prod.PropertiesOfType("Custom::CdcDatabaseBootstrap"));
        var heartbeat = $"{(string?)resource["ControlDatabase"]}.{(string?)resource["HeartbeatTable"]}";
        var signal = $"{(string?)resource["ControlDatabase"]}.{(string?)resource["SignalTable"]}";

        // The Iceberg sinks read Kafka, not MySQL: only Debezium's MySQL connector class writes heartbeats and reads signals.
        var sources = platform.Environment("prod").Connect.Connectors.All
            .Where(connector => connector.ConnectorClass == "io.debezium.connector.mysql.MySqlConnector")
            .Select(connector => connector.Settings)
            .ToList();
        Assert.NotEmpty(sources);
        foreach (var config in sources)
        {
            Assert.StartsWith($"INSERT INTO {heartbeat} ", config["heartbeat.action.query"], StringComparison.Ordinal);
            Assert.Equal(signal, config["signal.data.collection"]);
            Assert.Contains((string?)resource["ControlDatabase"], config["database.include.list"].Split(','));
        }
    }

    [Fact]
    public void The_bootstrap_runs_on_dotnet10_with_the_parameters_and_secrets_extension()
    {
        var handler = Prod.View().FunctionWithHandler("DatabaseBootstrap::DatabaseBootstrap.Function::OnEvent");

        Assert.Equal("dotnet10", (string?)handler["Runtime"]);
        Assert.NotNull(handler["Layers"]);
        Assert.NotNull(handler["VpcConfig"]);
    }

    /// <summary>
    /// The extension layer is the current one for the region and architecture: AWS publishes its ARN as the public
    /// parameter /aws/service/aws-parameters-and-secrets-lambda-extension/{arm64|x86}/latest, which the stack resolves on
    /// every deployment (issue 16, item 4; the 2023 version 4 of aws-cdk-lib's V1_0_103 is never used).
    /// </summary>
    [Fact]
    public void The_secrets_extension_layer_is_the_latest_one_for_the_function_architecture()
    {
        var view = Prod.View();
        var handler = view.FunctionWithHandler("DatabaseBootstrap::DatabaseBootstrap.Function::OnEvent");
        var layer = Assert.Single(handler["Layers"]!.AsArray())!;
        var parameter = view.Json["Parameters"]![(string)layer["Ref"]!]!;

        Assert.Equal("arm64", (string?)Assert.Single(handler["Architectures"]!.AsArray()));
        Assert.Equal("AWS::SSM::Parameter::Value<String>", (string?)parameter["Type"]);
        Assert.Equal("/aws/service/aws-parameters-and-secrets-lambda-extension/arm64/latest", (string?)parameter["Default"]);
        Assert.DoesNotContain(":layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:4", view.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_admits_the_bootstrap_on_3306()
    {
        var rules = Prod.PropertiesOfType("AWS::EC2::SecurityGroupIngress");

        Assert.Contains(rules, rule => rule["SourceSecurityGroupId"]!.ToJsonString().Contains("Bootstrap", StringComparison.Ordinal) && (int?)rule["FromPort"] == 3306);
    }
}
