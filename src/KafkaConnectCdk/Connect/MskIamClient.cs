namespace KafkaConnectCdk.Connect;

/// <summary>The client settings of aws-msk-iam-auth: SASL/IAM over TLS to MSK on port 9098.</summary>
public static class MskIamClient
{
    public const string LoginModule = "software.amazon.msk.auth.iam.IAMLoginModule required;";
    public const string CallbackHandler = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

    /// <summary>The SASL settings (Strimzi accepts only <c>sasl.*</c> keys in custom authentication).</summary>
    public static IReadOnlyDictionary<string, string> SaslSettings { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["sasl.mechanism"] = "AWS_MSK_IAM",
        ["sasl.jaas.config"] = LoginModule,
        ["sasl.client.callback.handler.class"] = CallbackHandler,
    };

    /// <summary>Everything a plain Kafka client needs, e.g. Debezium's schema-history producer and consumer.</summary>
    public static IReadOnlyDictionary<string, string> ClientSettings { get; } =
        new SortedDictionary<string, string>(SaslSettings.ToDictionary(), StringComparer.Ordinal) { ["security.protocol"] = "SASL_SSL" };
}
