using System.Globalization;
using KafkaConnectCdk.Contracts;

namespace CustomResources;

/// <summary>
/// How long an invocation may work. Without Amazon.Lambda.Core there is no RemainingTime: the CDK passes the function
/// timeout as INVOCATION_TIMEOUT_SECONDS, and the handler keeps a margin to report its failure before Lambda kills it.
/// </summary>
public static class InvocationBudget
{
    public const string TimeoutVariable = InvocationEnvironment.TimeoutSeconds;
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(5);

    public static TimeSpan FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>The budget the given environment describes; without a usable timeout, 60 s.</summary>
    public static TimeSpan FromEnvironment(Func<string, string?> variable)
    {
        var configured = variable(TimeoutVariable);
        var seconds = int.TryParse(configured, CultureInfo.InvariantCulture, out var value) && value > 10 ? value : 60;
        return TimeSpan.FromSeconds(seconds) - SafetyMargin;
    }

    public static string Describe(TimeSpan budget) => budget.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
