using Amazon.CDK.Assertions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class MskStackTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Msk);

    private System.Text.Json.Nodes.JsonObject Cluster => Assert.Single(Prod.PropertiesOfType("AWS::MSK::Cluster"));

    [Fact]
    public void Brokers_are_spread_one_per_zone_over_the_private_subnets()
    {
        Assert.Equal(3, (int?)Cluster["NumberOfBrokerNodes"]);
        var subnets = Cluster["BrokerNodeGroupInfo"]!["ClientSubnets"]!.AsArray()
            .Select(subnet => (string?)subnet!["Fn::GetStackOutput"]?["OutputName"])
            .ToList();
        Assert.Equal(3, subnets.Count);
        Assert.All(subnets, output => Assert.Contains("PrivateSubnet", output, StringComparison.Ordinal));
        Assert.Equal(3, subnets.Distinct().Count());
    }

    [Fact]
    public void Clients_authenticate_with_iam_only()
    {
        var authentication = Cluster["ClientAuthentication"]!;

        Assert.True((bool?)authentication["Sasl"]!["Iam"]!["Enabled"]);
        Assert.False((bool?)authentication["Unauthenticated"]!["Enabled"]);
        Assert.Null(authentication["Sasl"]!["Scram"]);
        Assert.Null(authentication["Tls"]);
    }

    [Fact]
    public void Traffic_is_tls_only_between_clients_and_brokers_and_inside_the_cluster()
    {
        var transit = Cluster["EncryptionInfo"]!["EncryptionInTransit"]!;

        Assert.Equal("TLS", (string?)transit["ClientBroker"]);
        Assert.True((bool?)transit["InCluster"]);
    }

    [Fact]
    public void Data_at_rest_is_encrypted_with_a_rotating_customer_managed_key()
    {
        var keyReference = (string?)Cluster["EncryptionInfo"]!["EncryptionAtRest"]!["DataVolumeKMSKeyId"]!["Fn::GetAtt"]![0];
        var key = Prod.View().Resource(keyReference!);

        Assert.Equal("AWS::KMS::Key", (string?)key["Type"]);
        Assert.True((bool?)key["Properties"]!["EnableKeyRotation"]);
    }

    [Fact]
    public void Broker_logs_go_to_an_encrypted_log_group()
    {
        var logs = Cluster["LoggingInfo"]!["BrokerLogs"]!["CloudWatchLogs"]!;
        var logGroup = Prod.View().Properties((string)logs["LogGroup"]!["Ref"]!);

        Assert.True((bool?)logs["Enabled"]);
        Assert.NotNull(logGroup["KmsKeyId"]);
        // prod keeps a year (cdk.json), as Control Tower's CT.CLOUDWATCH.PR.2 requires of production.
        Assert.Equal(365, (int?)logGroup["RetentionInDays"]);
    }

    [Fact]
    public void Monitoring_is_per_partition_with_prometheus_exporters()
    {
        Assert.Equal("PER_TOPIC_PER_PARTITION", (string?)Cluster["EnhancedMonitoring"]);
        Assert.True((bool?)Cluster["OpenMonitoring"]!["Prometheus"]!["JmxExporter"]!["EnabledInBroker"]);
        Assert.True((bool?)Cluster["OpenMonitoring"]!["Prometheus"]!["NodeExporter"]!["EnabledInBroker"]);
    }

    [Theory]
    [InlineData("default.replication.factor=3")]
    [InlineData("min.insync.replicas=2")]
    [InlineData("unclean.leader.election.enable=false")]
    [InlineData("auto.create.topics.enable=false")]
    [InlineData("log.retention.hours=168")]
    public void Broker_configuration_is_durable(string property)
    {
        var configuration = Assert.Single(Prod.PropertiesOfType("AWS::MSK::Configuration"));

        Assert.Contains(property, ((string)configuration["ServerProperties"]!).Split('\n'));
    }

    [Fact]
    public void The_cluster_uses_the_configured_broker_configuration() =>
        Assert.Equal("Arn", (string?)Cluster["ConfigurationInfo"]!["Arn"]!["Fn::GetAtt"]![1]);

    [Fact]
    public void Storage_grows_automatically_up_to_the_configured_ceiling_and_never_shrinks()
    {
        Prod.HasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", new Dictionary<string, object>
        {
            ["ServiceNamespace"] = "kafka",
            ["ScalableDimension"] = "kafka:broker-storage:VolumeSize",
            ["MaxCapacity"] = 1000,
        });
        Prod.HasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", new Dictionary<string, object>
        {
            ["PolicyType"] = "TargetTrackingScaling",
            ["TargetTrackingScalingPolicyConfiguration"] = new Dictionary<string, object>
            {
                ["TargetValue"] = 60,
                ["DisableScaleIn"] = true,
                ["PredefinedMetricSpecification"] = new Dictionary<string, object> { ["PredefinedMetricType"] = "KafkaBrokerStorageUtilization" },
            },
        });
    }

    [Fact]
    public void Brokers_admit_only_sasl_iam_from_the_connect_workers()
    {
        var brokerGroup = Prod.PropertiesOfType("AWS::EC2::SecurityGroup").Single();
        var ingress = Assert.Single(Prod.PropertiesOfType("AWS::EC2::SecurityGroupIngress"));

        Assert.Null(brokerGroup["SecurityGroupIngress"]);
        Assert.Equal(9098, (int?)ingress["FromPort"]);
        Assert.Equal(9098, (int?)ingress["ToPort"]);
        Assert.Contains("ConnectWorkers", ingress["SourceSecurityGroupId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(ingress["CidrIp"]);
    }

    [Fact]
    public void The_sasl_iam_bootstrap_brokers_are_read_from_msk_at_deploy_time()
    {
        var reader = Assert.Single(Prod.ResourcesOfType("Custom::AWS"));
        var create = reader["Properties"]!["Create"]!.ToJsonString();

        Assert.Contains("getBootstrapBrokers", create, StringComparison.Ordinal);
    }

    /// <summary>
    /// The Service Authorization Reference lists no resource type for kafka:GetBootstrapBrokers (iam-data), so only "*"
    /// grants it; and a policy that references the cluster is created after it, next to the call (aws/aws-cdk#37085).
    /// </summary>
    [Fact]
    public void The_bootstrap_broker_policy_is_unscoped_and_independent_of_the_cluster()
    {
        var policy = Prod.ResourcesOfType("AWS::IAM::Policy").Single(candidate => candidate.ToJsonString().Contains("kafka:GetBootstrapBrokers", StringComparison.Ordinal));
        var statement = Assert.Single(TemplateView.StatementsOf(policy));

        Assert.Equal("\"*\"", statement["Resource"]!.ToJsonString());
        Assert.DoesNotContain("KafkaCluster", policy.ToJsonString(), StringComparison.Ordinal);
    }
}
