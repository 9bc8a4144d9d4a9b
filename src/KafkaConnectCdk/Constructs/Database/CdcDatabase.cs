using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Database;

public sealed record CdcDatabaseProps(
    string NamePrefix,
    IVpc Vpc,
    DatabaseConfig Database,
    bool MultiAz,
    bool Production,
    IReadOnlyList<ISecurityGroup> ClientSecurityGroups);

/// <summary>
/// MySQL on RDS configured as a change-data-capture source: row-based binary logs with full row images and GTIDs,
/// TLS required, encrypted with a rotating customer-managed key, in isolated subnets, with a rotated master secret.
/// </summary>
public sealed class CdcDatabase : Construct
{
    public const int MySqlPort = 3306;
    public const string MasterUsername = "cdc_admin";

    /// <summary>The least-privileged user the connectors log in as (created by the database bootstrap).</summary>
    public const string ConnectorUsername = "cdc_connector";

    /// <summary>
    /// What Debezium needs from the server. RDS names the GTID mode parameter <c>gtid-mode</c> (with a hyphen); the
    /// server variable is <c>gtid_mode</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CdcParameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["binlog_format"] = "ROW",
        ["binlog_row_image"] = "FULL",
        ["gtid-mode"] = "ON",
        ["enforce_gtid_consistency"] = "ON",
        ["require_secure_transport"] = "ON",
    };

    /// <summary>The MySQL logs exported to CloudWatch Logs.</summary>
    public static readonly IReadOnlyList<string> ExportedLogs = ["error", "slowquery"];

    public CdcDatabase(Construct scope, string id, CdcDatabaseProps props) : base(scope, id)
    {
        var database = props.Database;
        var engine = DatabaseInstanceEngine.Mysql(new MySqlInstanceEngineProps
        {
            Version = MysqlEngineVersion.Of(database.EngineVersion, string.Join('.', database.EngineVersion.Split('.').Take(2))),
        });

        EncryptionKey = RotatingKeys.Create(this, "Key",
            $"Encrypts the storage, Performance Insights, logs and master secret of the {props.NamePrefix} CDC database",
            props.Production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
            encryptsLogs: true);

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = $"MySQL of {props.NamePrefix}: port {MySqlPort} from the platform database clients only",
            AllowAllOutbound = false,
        });
        foreach (var client in props.ClientSecurityGroups)
        {
            SecurityGroup.AddIngressRule(client, Port.Tcp(MySqlPort), "MySQL clients of the platform");
        }

        var instanceIdentifier = $"{props.NamePrefix}-mysql";

        // RDS would create the export log groups itself, unencrypted and kept forever; creating them first with the
        // key and a retention avoids that (and the LogRetention helper function CDK would add instead).
        var exportLogGroups = ExportedLogs.Select(log => new LogGroup(this, $"{char.ToUpperInvariant(log[0])}{log[1..]}Log", new LogGroupProps
        {
            LogGroupName = $"/aws/rds/instance/{instanceIdentifier}/{log}",
            EncryptionKey = EncryptionKey,
            Retention = CloudWatchRetention.FromDays(database.LogRetentionDays),
            RemovalPolicy = props.Production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        })).ToList();

        Instance = new DatabaseInstance(this, "Instance", new DatabaseInstanceProps
        {
            InstanceIdentifier = instanceIdentifier,
            Engine = engine,
            InstanceType = new Amazon.CDK.AWS.EC2.InstanceType(database.InstanceClass),
            Vpc = props.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            SecurityGroups = [SecurityGroup],
            Port = MySqlPort,
            MultiAz = props.MultiAz,
            DatabaseName = database.DatabaseName,
            Credentials = Credentials.FromGeneratedSecret(MasterUsername, new CredentialsBaseOptions
            {
                SecretName = $"{props.NamePrefix}/mysql/master",
                EncryptionKey = EncryptionKey,
            }),
            ParameterGroup = new ParameterGroup(this, "Parameters", new ParameterGroupProps
            {
                Engine = engine,
                Description = "Row-based binary logs with full images and GTIDs for Debezium; TLS only",
                Parameters = new Dictionary<string, string>(CdcParameters),
            }),
            StorageType = StorageType.GP3,
            AllocatedStorage = database.AllocatedStorageGiB,
            MaxAllocatedStorage = database.MaxAllocatedStorageGiB,
            StorageEncrypted = true,
            StorageEncryptionKey = EncryptionKey,
            BackupRetention = Duration.Days(database.BackupRetentionDays),
            DeleteAutomatedBackups = !props.Production,
            DeletionProtection = props.Production,
            RemovalPolicy = props.Production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
            EnablePerformanceInsights = true,
            PerformanceInsightEncryptionKey = EncryptionKey,
            MonitoringInterval = Duration.Seconds(database.MonitoringIntervalSeconds),
            CloudwatchLogsExports = [.. ExportedLogs],
            // IAM database authentication on (Control Tower CT.RDS.PR.7); the platform's users keep their passwords.
            IamAuthentication = true,
            AutoMinorVersionUpgrade = true,
            CopyTagsToSnapshot = true,
        });

        exportLogGroups.ForEach(logGroup => Instance.Node.AddDependency(logGroup));

        MasterSecret = Instance.Secret!;
        ConnectorSecret = new DatabaseSecret(this, "ConnectorSecret", new DatabaseSecretProps
        {
            SecretName = $"{props.NamePrefix}/mysql/connector",
            Username = ConnectorUsername,
            EncryptionKey = EncryptionKey,
        });
        Instance.AddRotationSingleUser(new RotationSingleUserOptions
        {
            AutomaticallyAfter = Duration.Days(database.MasterPasswordRotationDays),
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
        });
    }

    /// <summary>
    /// Lets a principal in another stack read the connector credentials. The statements go on the principal only:
    /// <c>ISecret.GrantRead</c> would also add it to this stack's key policy and make the two stacks depend on each other.
    /// </summary>
    public void GrantConnectorSecretRead(IGrantable grantee)
    {
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            Resources = [ConnectorSecret.SecretArn],
        }));
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Decrypt"],
            Resources = [EncryptionKey.KeyArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{Stack.Of(this).Region}.amazonaws.com" },
            },
        }));
    }

    public DatabaseInstance Instance { get; }

    public ISecurityGroup SecurityGroup { get; }

    public IKey EncryptionKey { get; }

    /// <summary>The master credentials; referenced by ARN, never copied into a template or a connector config.</summary>
    public ISecret MasterSecret { get; }

    /// <summary>The connector user's credentials; the Connect pods mount only the password, through the CSI driver.</summary>
    public ISecret ConnectorSecret { get; }
}
