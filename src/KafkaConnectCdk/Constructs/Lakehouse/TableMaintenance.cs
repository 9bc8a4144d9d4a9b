using Amazon.CDK;
using Amazon.CDK.AWS.Glue;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Cdklabs.CdkNag;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Lakehouse;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="Bucket">The lakehouse bucket (with its KMS key).</param>
/// <param name="Tables">The Glue database and Iceberg tables to maintain.</param>
/// <param name="Lakehouse">Snapshot and orphan-file retention.</param>
public sealed record TableMaintenanceProps(IBucket Bucket, IcebergTables Tables, LakehouseConfig Lakehouse);

/// <summary>
/// Glue's managed Iceberg table optimizers on every lakehouse table: compaction (the sink commits small files every
/// commit interval, apache/iceberg#13633), snapshot retention (expires old snapshots and deletes their files) and
/// orphan-file deletion, with the role Glue assumes to run them
/// (https://docs.aws.amazon.com/glue/latest/dg/optimization-prerequisites.html).
/// </summary>
public sealed class TableMaintenance : Construct
{
    /// <summary>The optimizer types AWS::Glue::TableOptimizer accepts.</summary>
    public static readonly IReadOnlyList<string> OptimizerTypes = ["compaction", "retention", "orphan_file_deletion"];

    public TableMaintenance(Construct scope, string id, TableMaintenanceProps props) : base(scope, id)
    {
        var stack = Stack.Of(this);
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("glue.amazonaws.com"),
            Description = "Runs Glue's compaction, snapshot retention and orphan-file deletion on the lakehouse's Iceberg tables",
        });
        props.Bucket.GrantReadWrite(Role, LakehouseNames.WarehousePrefix + "/*");
        props.Bucket.GrantDelete(Role, LakehouseNames.WarehousePrefix + "/*");
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["glue:GetTable", "glue:UpdateTable"],
            Resources =
            [
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "catalog" }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "database", ResourceName = props.Tables.DatabaseName }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "table", ResourceName = $"{props.Tables.DatabaseName}/*" }),
            ],
        }));
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [.. new[] { "compaction", "retention", "orphan-file-deletion" }.Select(kind =>
                stack.FormatArn(new ArnComponents { Service = "logs", Resource = "log-group", ResourceName = $"/aws-glue/iceberg-{kind}/logs:*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME }))],
        }));
        NagSuppressions.AddResourceSuppressions(Role, [
            NagSuppression.GlueOptimizerLogGroups,
            NagSuppression.LakehouseTablePrefixes,
        ], applyToChildren: true);

        var optimizers = new List<CfnTableOptimizer>();
        foreach (var name in props.Tables.TableNames)
        {
            foreach (var type in OptimizerTypes)
            {
                var optimizer = new CfnTableOptimizer(this, $"{name}-{type}", new CfnTableOptimizerProps
                {
                    CatalogId = stack.Account,
                    DatabaseName = props.Tables.DatabaseName,
                    TableName = name,
                    Type = type,
                    TableOptimizerConfiguration = Configuration(type, props.Lakehouse, Role.RoleArn),
                });
                // Glue refuses an optimizer for a table that does not exist yet.
                optimizer.Node.AddDependency(props.Tables.Resource);
                optimizer.Node.AddDependency(Role);
                optimizers.Add(optimizer);
            }
        }

        Optimizers = optimizers;
    }

    public Role Role { get; }

    public IReadOnlyList<CfnTableOptimizer> Optimizers { get; }

    private static CfnTableOptimizer.TableOptimizerConfigurationProperty Configuration(string type, LakehouseConfig lakehouse, string roleArn) => type switch
    {
        "retention" => new()
        {
            Enabled = true,
            RoleArn = roleArn,
            RetentionConfiguration = new CfnTableOptimizer.RetentionConfigurationProperty
            {
                IcebergConfiguration = new CfnTableOptimizer.IcebergRetentionConfigurationProperty
                {
                    SnapshotRetentionPeriodInDays = lakehouse.SnapshotRetentionDays,
                    NumberOfSnapshotsToRetain = lakehouse.SnapshotsToRetain,
                    CleanExpiredFiles = true,
                },
            },
        },
        "orphan_file_deletion" => new()
        {
            Enabled = true,
            RoleArn = roleArn,
            OrphanFileDeletionConfiguration = new CfnTableOptimizer.OrphanFileDeletionConfigurationProperty
            {
                IcebergConfiguration = new CfnTableOptimizer.IcebergConfigurationProperty { OrphanFileRetentionPeriodInDays = lakehouse.OrphanFileRetentionDays },
            },
        },
        _ => new() { Enabled = true, RoleArn = roleArn },
    };
}
