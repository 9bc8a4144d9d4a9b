namespace KafkaConnectCdk.Configuration;

/// <summary>How the app is delivered: directly with <c>cdk deploy --all</c>, or as the self-mutating pipeline.</summary>
public static class DeliveryModes
{
    public const string ContextKey = "delivery";
    public const string Direct = "direct";
    public const string Pipeline = "pipeline";

    public static readonly IReadOnlyList<string> All = [Direct, Pipeline];
}
