using Amazon.CDK.AWS.EC2;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Database;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stacks;

public sealed class DatabaseStackProps : PlatformStackProps
{
    public required IVpc Vpc { get; init; }

    public required DatabaseConfig Database { get; init; }

    /// <summary>Whether the instance has a standby in a second zone (see <see cref="EnvironmentConfig.DatabaseMultiAz"/>).</summary>
    public required bool MultiAz { get; init; }

    /// <summary>Security groups of the database clients admitted on 3306 (the Kafka Connect workers).</summary>
    public required IReadOnlyList<ISecurityGroup> ClientSecurityGroups { get; init; }

    /// <summary>The snapshot mode the connector user must support (decides whether it may lock tables).</summary>
    public required string SnapshotMode { get; init; }
}

/// <summary>The MySQL source database the connectors capture.</summary>
public sealed class DatabaseStack : PlatformStack
{
    public const string Component = "database";

    public DatabaseStack(Construct scope, DatabaseStackProps props) : base(scope, Component, props)
    {
        Database = new CdcDatabase(this, "Mysql", new CdcDatabaseProps(
            NamePrefix: props.Identity.NamePrefix,
            Vpc: props.Vpc,
            Database: props.Database,
            MultiAz: props.MultiAz,
            Removal: props.Identity.Removal,
            ClientSecurityGroups: props.ClientSecurityGroups));

        Readiness = new CdcReadiness(this, "Bootstrap", new CdcReadinessProps(
            Database: Database,
            Vpc: props.Vpc,
            BinlogRetentionHours: props.Database.BinlogRetentionHours,
            SnapshotMode: props.SnapshotMode,
            DropConnectorUserOnDelete: props.Database.DropConnectorUserOnDelete,
            LogRetention: CloudWatchRetention.FromDays(props.Database.LogRetentionDays)));
    }

    public CdcDatabase Database { get; }

    public CdcReadiness Readiness { get; }
}
