using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Cdklabs.CdkNag;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Constructs.Database;

public sealed record CdcDatabaseProps(
    string NamePrefix,
    IVpc Vpc,
    DatabaseConfig Database,
    bool MultiAz,
    StatefulRemovalPolicies Removal,
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

    /// <summary>
    /// What the exported slowquery log needs: RDS writes it only with <c>slow_query_log=1</c> and publishes it to
    /// CloudWatch Logs only with <c>log_output=FILE</c>
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQLDB.PublishtoCloudWatchLogs.html).
    /// A statement is slow from <see cref="SlowQuerySeconds"/> seconds (<c>long_query_time</c>, MySQL default 10).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SlowQueryLogParameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["slow_query_log"] = "1",
        ["long_query_time"] = SlowQuerySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["log_output"] = "FILE",
    };

    public const int SlowQuerySeconds = 2;

    /// <summary>The MySQL logs exported to CloudWatch Logs.</summary>
    public static readonly IReadOnlyList<string> ExportedLogs = ["error", "slowquery"];

    public CdcDatabase(Construct scope, string id, CdcDatabaseProps props) : base(scope, id)
    {
        var database = props.Database;
        var engine = DatabaseInstanceEngine.Mysql(new MySqlInstanceEngineProps
        {
            Version = MysqlEngineVersion.Of(database.EngineVersion, database.MajorVersion),
        });

        EncryptionKey = RotatingKeys.Create(this, "Key",
            $"Encrypts the storage, Performance Insights, logs and master secret of the {props.NamePrefix} CDC database",
            props.Removal.Data,
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

        var instanceIdentifier = InstanceIdentifier = $"{props.NamePrefix}-mysql";

        // RDS would create the export log groups itself, unencrypted and kept forever; creating them first with the
        // key and a retention avoids that (and the LogRetention helper function CDK would add instead).
        var exportLogGroups = ExportedLogs.Select(log => new LogGroup(this, $"{char.ToUpperInvariant(log[0])}{log[1..]}Log", new LogGroupProps
        {
            LogGroupName = $"/aws/rds/instance/{instanceIdentifier}/{log}",
            EncryptionKey = EncryptionKey,
            Retention = CloudWatchRetention.FromDays(database.LogRetentionDays),
            RemovalPolicy = props.Removal.Data,
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
            // RDS manages the master password in Secrets Manager and rotates it itself
            // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html): no rotation function has
            // to connect to a server that requires TLS. The Serverless Application Repository function
            // SecretsManagerRDSMySQLRotationSingleUser verifies the server against the Lambda runtime's
            // /etc/pki/tls/cert.pem and falls back to plaintext, which require_secure_transport refuses
            // (aws-samples/aws-secrets-manager-rotation-lambdas, lambda_function.py connect_and_authenticate).
            ManageMasterUserPassword = true,
            Credentials = Credentials.FromUsername(MasterUsername, new CredentialsFromUsernameOptions { EncryptionKey = EncryptionKey }),
            ParameterGroup = new ParameterGroup(this, "Parameters", new ParameterGroupProps
            {
                Engine = engine,
                Description = "Row-based binary logs with full images and GTIDs for Debezium; TLS only; slow query log to file",
                Parameters = CdcParameters.Concat(SlowQueryLogParameters).ToDictionary(),
            }),
            StorageType = StorageType.GP3,
            AllocatedStorage = database.AllocatedStorageGiB,
            MaxAllocatedStorage = database.MaxAllocatedStorageGiB,
            StorageEncrypted = true,
            StorageEncryptionKey = EncryptionKey,
            BackupRetention = Duration.Days(database.BackupRetentionDays),
            DeleteAutomatedBackups = !props.Removal.KeepsAutomatedBackups,
            DeletionProtection = props.Removal.DatabaseDeletionProtection,
            RemovalPolicy = props.Removal.DatabaseInstance,
            EnablePerformanceInsights = true,
            PerformanceInsightEncryptionKey = EncryptionKey,
            MonitoringInterval = Duration.Seconds(database.MonitoringIntervalSeconds),
            CloudwatchLogsExports = [.. ExportedLogs],
            // IAM database authentication on (Control Tower CT.RDS.PR.7); the platform's users keep their passwords.
            IamAuthentication = true,
            // One version policy: the template pins the full version and RDS never upgrades behind its back, so no later
            // template names a version below the running one (issue 16, item 9). Upgrades are a change of engineVersion.
            AutoMinorVersionUpgrade = false,
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

        SuppressNagFindings(props.MultiAz, props.Removal);
    }

    private void SuppressNagFindings(bool multiAz, StatefulRemovalPolicies removal)
    {
        var suppressions = new List<NagSuppression> { NagSuppression.DatabaseDefaultPort, NagSuppression.RdsEnhancedMonitoringPolicy };
        if (!multiAz)
        {
            suppressions.Add(NagSuppression.SingleAzByConfiguration);
        }

        if (!removal.DatabaseDeletionProtection)
        {
            suppressions.Add(NagSuppression.DeletionProtectionOutsideProduction);
        }

        NagSuppressions.AddResourceSuppressions(Instance, suppressions, applyToChildren: true);
        NagSuppressions.AddResourceSuppressions(ConnectorSecret, [NagSuppression.ConnectorSecretNotRotated]);
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

    /// <summary>The instance's name, literal, for what watches it by name (its metrics' DBInstanceIdentifier).</summary>
    public string InstanceIdentifier { get; }

    public ISecurityGroup SecurityGroup { get; }

    public IKey EncryptionKey { get; }

    /// <summary>The master credentials; referenced by ARN, never copied into a template or a connector config.</summary>
    public ISecret MasterSecret { get; }

    /// <summary>The connector user's credentials; the Connect pods mount only the password, through the CSI driver.</summary>
    public ISecret ConnectorSecret { get; }
}
