namespace DatabaseBootstrap;

/// <summary>The server variables Debezium depends on, as the server reports them.</summary>
public sealed record ServerSettings(string Version, string BinlogFormat, string BinlogRowImage, string? GtidMode, string? EnforceGtidConsistency)
{
    public bool IsMariaDb => Version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Checks the settings; each problem names the variable, its value and the parameter-group fix.</summary>
public static class ServerSettingsCheck
{
    public static IReadOnlyList<string> Problems(ServerSettings settings)
    {
        var problems = new List<string>();
        if (!string.Equals(settings.BinlogFormat, "ROW", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"binlog_format is {settings.BinlogFormat}, Debezium needs ROW: set binlog_format=ROW in the DB parameter group");
        }

        if (!string.Equals(settings.BinlogRowImage, "FULL", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"binlog_row_image is {settings.BinlogRowImage}, Debezium needs FULL: set binlog_row_image=FULL in the DB parameter group");
        }

        // MariaDB has no gtid_mode (its GTIDs are always on); MySQL needs it for failover without losing the position.
        if (!settings.IsMariaDb && !string.Equals(settings.GtidMode, "ON", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"gtid_mode is {settings.GtidMode ?? "unset"}, a Multi-AZ failover needs ON: set gtid-mode=ON in the DB parameter group");
        }

        if (!settings.IsMariaDb && !string.Equals(settings.EnforceGtidConsistency, "ON", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"enforce_gtid_consistency is {settings.EnforceGtidConsistency ?? "unset"}: set enforce_gtid_consistency=ON in the DB parameter group");
        }

        return problems;
    }
}
