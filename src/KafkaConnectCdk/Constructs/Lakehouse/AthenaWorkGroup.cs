using Amazon.CDK.AWS.Athena;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using KafkaConnectCdk.Lakehouse;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="Name">The workgroup's name, e.g. <c>kcc-dev-lakehouse</c>.</param>
public sealed record AthenaWorkGroupProps(string Name, IBucket Bucket, IKey Key);

/// <summary>
/// The Athena workgroup users and the refresh query in: engine version 3 (MERGE INTO on Iceberg needs it), results
/// under the lakehouse bucket's athena-results/ prefix encrypted with the lakehouse key, and the configuration enforced
/// so that no client can send results elsewhere or unencrypted.
/// </summary>
public sealed class AthenaWorkGroup : Construct
{
    /// <summary>Athena's name of the engine that supports MERGE INTO on Iceberg tables.</summary>
    public const string EngineVersion = "Athena engine version 3";

    public AthenaWorkGroup(Construct scope, string id, AthenaWorkGroupProps props) : base(scope, id)
    {
        Name = props.Name;
        WorkGroup = new CfnWorkGroup(this, "WorkGroup", new CfnWorkGroupProps
        {
            Name = props.Name,
            Description = "Queries on the lakehouse's Iceberg tables, and the current-state refresh",
            State = "ENABLED",
            WorkGroupConfiguration = new CfnWorkGroup.WorkGroupConfigurationProperty
            {
                EnforceWorkGroupConfiguration = true,
                PublishCloudWatchMetricsEnabled = true,
                EngineVersion = new CfnWorkGroup.EngineVersionProperty { SelectedEngineVersion = EngineVersion },
                ResultConfiguration = new CfnWorkGroup.ResultConfigurationProperty
                {
                    OutputLocation = $"s3://{props.Bucket.BucketName}/{LakehouseNames.QueryResultsPrefix}/",
                    EncryptionConfiguration = new CfnWorkGroup.EncryptionConfigurationProperty { EncryptionOption = "SSE_KMS", KmsKey = props.Key.KeyArn },
                },
            },
        });
    }

    public string Name { get; }

    public CfnWorkGroup WorkGroup { get; }
}
