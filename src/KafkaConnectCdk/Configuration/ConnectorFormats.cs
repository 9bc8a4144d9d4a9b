namespace KafkaConnectCdk.Configuration;

/// <summary>Value formats a connector can write.</summary>
public static class ConnectorFormats
{
    /// <summary>Kafka's JsonConverter with embedded schemas, the worker default.</summary>
    public const string Json = "json";

    /// <summary>Avro through the AWS Glue Schema Registry converter.</summary>
    public const string Avro = "avro";

    public static readonly IReadOnlyList<string> All = [Json, Avro];
}
