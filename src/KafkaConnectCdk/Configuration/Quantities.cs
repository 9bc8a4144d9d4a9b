using System.Globalization;

namespace KafkaConnectCdk.Configuration;

/// <summary>Parses the Kubernetes quantities this app's configuration uses.</summary>
public static class Quantities
{
    /// <summary>"1", "1.5", "500m" as millicores; null when not a CPU quantity.</summary>
    public static int? CpuMillicores(string quantity)
    {
        if (quantity.EndsWith('m') && int.TryParse(quantity[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var millicores))
        {
            return millicores;
        }

        return decimal.TryParse(quantity, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores) ? (int)Math.Ceiling(cores * 1000) : null;
    }

    /// <summary>"4Gi", "512Mi", "1048576Ki", bytes, as MiB (rounded up); null when not a memory quantity.</summary>
    public static int? MemoryMiB(string quantity)
    {
        (string Suffix, decimal PerMiB)[] units = [("Ti", 1024m * 1024m), ("Gi", 1024m), ("Mi", 1m), ("Ki", 1m / 1024m)];
        foreach (var (suffix, perMiB) in units)
        {
            if (quantity.EndsWith(suffix, StringComparison.Ordinal)
                && decimal.TryParse(quantity[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return (int)Math.Ceiling(value * perMiB);
            }
        }

        return long.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? (int)Math.Ceiling(bytes / 1048576m) : null;
    }
}
