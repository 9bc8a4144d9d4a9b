using System.Globalization;
using KafkaConnectCdk.Contracts;

namespace ConnectorHealer;

/// <summary>
/// How hard the healer tries. A failed connector is restarted at once, then after <see cref="FirstBackoff"/>, twice
/// that, and so on up to <see cref="MaxBackoff"/>; never more than <see cref="MaxRestartsPerHour"/> times in any hour.
/// A connector that has run for <see cref="StableAfter"/> since its last restart starts again from no backoff.
/// With <see cref="RestartsEnabled"/> false (Strimzi manages the connectors and restarts them itself) the healer only
/// observes and reports.
/// </summary>
public sealed record HealingPolicy(bool RestartsEnabled, TimeSpan FirstBackoff, TimeSpan MaxBackoff, int MaxRestartsPerHour, TimeSpan StableAfter)
{
    public const string ModeVariable = HealerEnvironment.HealingMode;
    public const string FirstBackoffVariable = HealerEnvironment.FirstBackoffSeconds;
    public const string MaxBackoffVariable = HealerEnvironment.MaxBackoffSeconds;
    public const string MaxRestartsVariable = HealerEnvironment.MaxRestartsPerHour;
    public const string StableAfterVariable = HealerEnvironment.StableAfterSeconds;

    /// <summary>Restart failed connectors.</summary>
    public const string RestartMode = HealerEnvironment.RestartMode;

    /// <summary>Report only: Strimzi's connector auto-restart does the restarting.</summary>
    public const string ObserveMode = HealerEnvironment.ObserveMode;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The wait before the next restart, given how many restarts in a row have not brought the connector back.</summary>
    public TimeSpan BackoffAfter(int consecutiveRestarts)
    {
        if (consecutiveRestarts <= 0)
        {
            return TimeSpan.Zero;
        }

        // Doubling from the first backoff; the exponent is bounded so that the multiplication cannot overflow.
        var factor = Math.Pow(2, Math.Min(consecutiveRestarts - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(FirstBackoff.TotalSeconds * factor, MaxBackoff.TotalSeconds));
    }

    /// <summary>Reads the policy the CDK wrote into the function's environment; a missing or bad value names the variable.</summary>
    public static HealingPolicy FromEnvironment(Func<string, string?> variable)
    {
        var mode = variable(ModeVariable) ?? RestartMode;
        if (mode is not (RestartMode or ObserveMode))
        {
            throw new InvalidOperationException($"{ModeVariable} is '{mode}': use '{RestartMode}' or '{ObserveMode}'");
        }

        var policy = new HealingPolicy(
            RestartsEnabled: mode == RestartMode,
            FirstBackoff: TimeSpan.FromSeconds(Positive(variable, FirstBackoffVariable, 60)),
            MaxBackoff: TimeSpan.FromSeconds(Positive(variable, MaxBackoffVariable, 1800)),
            MaxRestartsPerHour: Positive(variable, MaxRestartsVariable, 6),
            StableAfter: TimeSpan.FromSeconds(Positive(variable, StableAfterVariable, 600)));
        return policy.MaxBackoff < policy.FirstBackoff
            ? throw new InvalidOperationException($"{MaxBackoffVariable} ({policy.MaxBackoff.TotalSeconds}) is below {FirstBackoffVariable} ({policy.FirstBackoff.TotalSeconds}): raise it")
            : policy;
    }

    private static int Positive(Func<string, string?> variable, string name, int fallback)
    {
        var text = variable(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{name} is '{text}': use a whole number above 0");
    }
}
