using System.Text.RegularExpressions;

namespace ConnectorOperations;

/// <summary>
/// Whether a Debezium MySQL connector captures a table, read from its configuration as Connect stores it: each entry of
/// database.include.list and table.include.list is a regular expression matched case-insensitively against the whole
/// database name and <c>database.table</c> (debezium-core Selectors / Strings.setOfRegex, v3.2.0.Final); an absent list
/// includes everything. Exclude lists are not used by this platform's connectors and count as excluding nothing.
/// </summary>
public static class CaptureFilter
{
    public static bool Captures(IReadOnlyDictionary<string, string> config, string table)
    {
        var database = table[..table.IndexOf('.', StringComparison.Ordinal)];
        return Matches(config, "database.include.list", database) && Matches(config, "table.include.list", table);
    }

    private static bool Matches(IReadOnlyDictionary<string, string> config, string key, string name) =>
        !config.TryGetValue(key, out var list) || string.IsNullOrWhiteSpace(list)
        || list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(pattern => Regex.IsMatch(name, $"^(?:{pattern})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
