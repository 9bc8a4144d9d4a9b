using Amazon.CDK.AWS.EC2;
using Constructs;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Lakehouse;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Lakehouse;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stacks;

public sealed class LakehouseStackProps : PlatformStackProps
{
    public required LakehouseConfig Lakehouse { get; init; }

    /// <summary>The landed tables with their definitions (<see cref="LandedTables.Of"/>).</summary>
    public required IReadOnlyList<LandedTable> Tables { get; init; }

    /// <summary>The platform VPC: the Iceberg tables function runs in its private subnets.</summary>
    public required IVpc Vpc { get; init; }
}

/// <summary>
/// Where captured tables land: Apache Iceberg tables in the Glue Data Catalog on an S3 bucket, a changelog and a
/// current state per table, created and evolved through Athena DDL by a custom resource, maintained by Glue's optimizers, refreshed by Athena MERGE INTO on a schedule, queried in
/// an enforced Athena workgroup.
/// </summary>
public sealed class LakehouseStack : PlatformStack
{
    public const string Component = "lakehouse";

    public LakehouseStack(Construct scope, LakehouseStackProps props) : base(scope, Component, props)
    {
        var prefix = props.Identity.NamePrefix;
        var lakehouse = props.Lakehouse;
        Storage = new LakehouseStorage(this, "Storage", new LakehouseStorageProps(prefix, lakehouse.SnapshotRetentionDays, lakehouse.QueryResultRetentionDays));
        WorkGroup = new AthenaWorkGroup(this, "Athena", new AthenaWorkGroupProps($"{prefix}-lakehouse", Storage.Bucket, Storage.Key));
        Tables = new IcebergTables(this, "Tables", new IcebergTablesProps(LakehouseNames.Database(prefix), Storage.Bucket, Storage.Key, WorkGroup, props.Tables, props.Vpc));
        Maintenance = new TableMaintenance(this, "Maintenance", new TableMaintenanceProps(Storage.Bucket, Tables, lakehouse));
        Refresh = new CurrentStateRefresh(this, "Refresh", new CurrentStateRefreshProps(
            prefix, lakehouse.RefreshSchedule, WorkGroup, Tables, props.Tables, Storage.Bucket, Storage.Key, props.Identity.Removal.Data,
            CloudWatchRetention.FromDays(lakehouse.LogRetentionDays)));
        Commits = new CommitEvents(this, "Commits", new CommitEventsProps(
            prefix, Tables.DatabaseName, IcebergSinkDefinition.Of(props.Tables), CloudWatchRetention.FromDays(lakehouse.LogRetentionDays), props.Identity.Removal.Data));
        Landed = props.Tables;
        CommitIntervalSeconds = lakehouse.CommitIntervalSeconds;
    }

    /// <summary>Every Iceberg commit of the sinks, as Glue events: counted per sink and logged per table.</summary>
    public CommitEvents Commits { get; }

    public int CommitIntervalSeconds { get; }

    public LakehouseStorage Storage { get; }

    public IcebergTables Tables { get; }

    public TableMaintenance Maintenance { get; }

    public AthenaWorkGroup WorkGroup { get; }

    public CurrentStateRefresh Refresh { get; }

    public IReadOnlyList<LandedTable> Landed { get; }
}
