using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Connect;

/// <summary>
/// What the Connect stack needs from the lakehouse stack to run the Iceberg sinks: the sinks (one per landed source
/// connector), the Glue database, the bucket with its key, and the lakehouse settings.
/// </summary>
public sealed record LakehouseLanding(LakehouseConfig Config, IReadOnlyList<IcebergSinkDefinition> Sinks, string DatabaseName, IBucket Bucket, IKey Key)
{
    /// <summary>The sinks' iceberg.catalog.warehouse: the warehouse prefix of the lakehouse bucket.</summary>
    public string WarehouseLocation => $"s3://{Bucket.BucketName}/{KafkaConnectCdk.Lakehouse.LakehouseNames.WarehousePrefix}";

    /// <summary>Each sink's control topic, which exists before the sink starts (the sink never creates it).</summary>
    public IReadOnlyList<string> ControlTopics => [.. Sinks.Select(sink => IcebergSinkConnectorConfig.ControlTopic(sink.Source))];
}
