using System.Text.Json;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>The context of the repository's cdk.json (feature flags and platform configuration) as the CLI passes it.</summary>
public static class CdkContext
{
    public static Dictionary<string, object> FromCdkJson(Action<Dictionary<string, object>>? customize = null)
    {
        using var document = JsonDocument.Parse(RepositoryFiles.Read("cdk.json"));
        var context = (Dictionary<string, object>)ToPlainObject(document.RootElement.GetProperty("context"))!;
        // Lambda code is published by `dotnet publish` during `cdk synth`; tests check the templates, not the package.
        context["aws:cdk:bundling-stacks"] = Array.Empty<object>();
        customize?.Invoke(context);
        return context;
    }

    /// <summary>The configuration JSON of cdk.json's <c>platform</c> key.</summary>
    public static string PlatformJson()
    {
        using var document = JsonDocument.Parse(RepositoryFiles.Read("cdk.json"));
        return document.RootElement.GetProperty("context").GetProperty("platform").GetRawText();
    }

    // jsii marshals plain dictionaries, arrays and primitives; JsonElement must be unwrapped first.
    private static object? ToPlainObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(property => property.Name, property => ToPlainObject(property.Value)!),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlainObject).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
