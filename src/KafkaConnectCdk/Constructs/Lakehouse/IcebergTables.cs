using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Glue;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Cdklabs.CdkNag;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Lakehouse;
using Contract = KafkaConnectCdk.Contracts.IcebergTablesProperties;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="DatabaseName">The Glue database, e.g. <c>kcc_dev_lakehouse</c>.</param>
/// <param name="Bucket">The lakehouse bucket (tables live under its warehouse/ prefix, Athena's results under athena-results/).</param>
/// <param name="Key">The lakehouse key, which encrypts both.</param>
/// <param name="WorkGroup">The workgroup the DDL runs in.</param>
/// <param name="Tables">The landed tables; each gets a changelog and a current-state table.</param>
/// <param name="Vpc">The function runs in its private subnets (Glue through the interface endpoint, Athena through NAT).</param>
public sealed record IcebergTablesProps(string DatabaseName, IBucket Bucket, IKey Key, AthenaWorkGroup WorkGroup, IReadOnlyList<LandedTable> Tables, IVpc Vpc);

/// <summary>
/// The Glue database (a CloudFormation resource) and, per landed table, its two Iceberg tables, kept by a custom
/// resource whose C# function (lambda/IcebergTables) creates absent tables and adds missing columns with Athena's
/// Iceberg DDL. Not AWS::Glue::Table: a CloudFormation update of one replaces its TableInput and drops the Iceberg
/// parameters table_type and metadata_location (aws/aws-cdk#37560, aws/aws-cdk#37988, aws-cloudformation/cloudformation-coverage-roadmap#1919),
/// so a column added to migrations/schema would break the table; the IcebergTableInput shape #37988 proposes instead
/// was found undeployable in a live probe (go-to-k/cdkd#1462). The resource's properties are the desired columns,
/// so such a column changes them and CloudFormation sends an Update.
/// </summary>
public sealed class IcebergTables : Construct
{
    public const string Project = "lambda/IcebergTables";
    public const string Handler = "IcebergTables::IcebergTableSync.Function::OnEvent";

    /// <summary>Athena DDL on Iceberg takes seconds per statement; the margin covers a queued workgroup.</summary>
    public static readonly Duration HandlerTimeout = Duration.Minutes(10);

    public IcebergTables(Construct scope, string id, IcebergTablesProps props) : base(scope, id)
    {
        var stack = Stack.Of(this);
        DatabaseName = props.DatabaseName;
        Database = new CfnDatabase(this, "Database", new CfnDatabaseProps
        {
            CatalogId = stack.Account,
            DatabaseInput = new CfnDatabase.DatabaseInputProperty
            {
                Name = props.DatabaseName,
                Description = "CDC changelogs and current state of the captured MySQL tables (Apache Iceberg)",
                LocationUri = $"s3://{props.Bucket.BucketName}/{LakehouseNames.WarehousePrefix}",
            },
        });

        Desired = [.. props.Tables.SelectMany(table => new[]
        {
            new DesiredIcebergTable(table.ChangelogName, IcebergSchema.ChangelogColumns(table.Definition)),
            new DesiredIcebergTable(table.CurrentStateName, IcebergSchema.CurrentStateColumns(table.Definition)),
        })];

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = "Iceberg tables function: HTTPS out to Glue and Athena only",
            AllowAllOutbound = false,
        });
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "Glue (interface endpoint) and Athena (NAT)");
        // A year in every environment: Control Tower's CT.CLOUDWATCH.PR.2 minimum, and these logs record every DDL statement run.
        var functions = new DotnetVpcFunctions(this, "Handlers", new DotnetVpcFunctionsProps(
            "lakehouse Iceberg tables", Project, props.Vpc, SecurityGroup, HandlerTimeout, RetentionDays.ONE_YEAR));
        Function = functions.Add("Handler", Handler);
        Grant(Function, props, stack);

        var provider = functions.AddProvider(this, "Provider", Function);
        Resource = new CustomResource(this, "Reconciled", new CustomResourceProps
        {
            ServiceToken = provider.ServiceToken,
            ResourceType = Contract.ResourceType,
            Properties = new Dictionary<string, object>
            {
                [Contract.Database] = props.DatabaseName,
                [Contract.WorkGroup] = props.WorkGroup.Name,
                [Contract.Tables] = Desired.Select(table => (object)new Dictionary<string, object>
                {
                    [Contract.TableName] = table.Name,
                    [Contract.TableLocation] = LandedTable.Location(props.Bucket.BucketName, table.Name),
                    [Contract.TableColumns] = table.Columns.Select(column => (object)new Dictionary<string, object>
                    {
                        [Contract.ColumnName] = column.Name,
                        [Contract.ColumnType] = column.GlueType,
                    }).ToArray(),
                }).ToArray(),
            },
        });
        Resource.Node.AddDependency(Database, props.WorkGroup.WorkGroup);

        // DotnetVpcFunctions suppresses what it and the Provider framework generate; the function's own grants are these.
        NagSuppressions.AddResourceSuppressions(Function, [NagSuppression.IcebergTablesFunctionScope], applyToChildren: true);
    }

    public string DatabaseName { get; }

    public CfnDatabase Database { get; }

    /// <summary>The tables the custom resource keeps, in the order it receives them.</summary>
    public IReadOnlyList<DesiredIcebergTable> Desired { get; }

    public IReadOnlyList<string> TableNames => [.. Desired.Select(table => table.Name)];

    public ISecurityGroup SecurityGroup { get; }

    public Function Function { get; }

    /// <summary>Exists once every table exists with its columns: depend on it to use the tables.</summary>
    public CustomResource Resource { get; }

    /// <summary>
    /// Athena runs Iceberg DDL with the caller's credentials: it reads and writes the tables in Glue (the catalog and
    /// database are parents the Athena Glue access guide says to include,
    /// https://docs.aws.amazon.com/athena/latest/ug/fine-grained-access-to-glue-resources.html), writes the table
    /// metadata under the table's location and the query results to the workgroup's location, both with the lakehouse key.
    /// Nothing is deleted: no glue:DeleteTable, no s3:DeleteObject.
    /// </summary>
    private static void Grant(IFunction function, IcebergTablesProps props, Stack stack)
    {
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["athena:StartQueryExecution", "athena:GetQueryExecution"],
            Resources = [stack.FormatArn(new ArnComponents { Service = "athena", Resource = "workgroup", ResourceName = props.WorkGroup.Name })],
        }));
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable"],
            Resources =
            [
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "catalog" }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "database", ResourceName = props.DatabaseName }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "table", ResourceName = $"{props.DatabaseName}/*" }),
            ],
        }));
        // Athena's Glue access guide ("fine-grained access to Glue resources"): every query needs GetDatabase on the
        // region's default database, and CreateDatabase there where it does not exist yet.
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["glue:GetDatabase", "glue:CreateDatabase"],
            Resources =
            [
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "catalog" }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "database", ResourceName = "default" }),
            ],
        }));
        // Read (GetObject*, GetBucket* with the bucket's location, List*) and write objects, never delete: DDL writes
        // new metadata files and never removes one. Not GrantPut, which adds legal holds, retention and object tagging.
        foreach (var prefix in new[] { LakehouseNames.WarehousePrefix, LakehouseNames.QueryResultsPrefix })
        {
            props.Bucket.GrantRead(function, prefix + "/*");
        }

        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:PutObject", "s3:AbortMultipartUpload"],
            Resources = [props.Bucket.ArnForObjects($"{LakehouseNames.WarehousePrefix}/*"), props.Bucket.ArnForObjects($"{LakehouseNames.QueryResultsPrefix}/*")],
        }));
        props.Key.GrantEncryptDecrypt(function);
    }
}

/// <summary>One table the custom resource keeps: its name and columns (<see cref="IcebergColumn.GlueType"/> is the Athena DDL type).</summary>
public sealed record DesiredIcebergTable(string Name, IReadOnlyList<IcebergColumn> Columns);
