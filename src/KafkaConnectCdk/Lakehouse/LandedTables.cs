using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;
using SchemaGate;

namespace KafkaConnectCdk.Lakehouse;

/// <summary>
/// The tables an environment lands, each with its definition from <c>migrations/schema/&lt;table&gt;.sql</c> (the file the
/// schema gate checks), so that the Iceberg tables exist, with the right types, before their first record.
/// </summary>
public static class LandedTables
{
    /// <summary>Where table definitions live, relative to the repository root.</summary>
    public static readonly string[] SchemaDirectory = ["migrations", "schema"];

    public static string DefinitionFile(string table) => $"{string.Join('/', SchemaDirectory)}/{table.Split('.')[^1]}.sql";

    /// <summary>The connectors whose tables land: the configured names, or every connector.</summary>
    public static IReadOnlyList<ConnectorDefinition> Connectors(EnvironmentConfig environment) =>
        environment.Lakehouse.Connectors is { } names
            ? [.. environment.Connect.Connectors.Where(connector => names.Contains(connector.Name))]
            : environment.Connect.Connectors;

    /// <summary>Every landed table with its definition; empty when the lakehouse is off.</summary>
    public static IReadOnlyList<LandedTable> Of(EnvironmentConfig environment, string? repositoryRoot = null)
    {
        if (!environment.Lakehouse.Enabled)
        {
            return [];
        }

        var root = repositoryRoot ?? RepositoryPaths.Root;
        var errors = new List<ConfigurationError>();
        var tables = new List<LandedTable>();
        foreach (var connector in Connectors(environment))
        {
            foreach (var table in connector.Tables)
            {
                var (definition, error) = Read(root, connector, table, environment.Name);
                if (definition is not null)
                {
                    tables.Add(new LandedTable(connector, definition));
                }
                else
                {
                    errors.Add(error!);
                }
            }
        }

        return errors.Count > 0 ? throw new ConfigurationException(errors) : tables;
    }

    private static (TableDefinition? Definition, ConfigurationError? Error) Read(string root, ConnectorDefinition connector, string table, string environmentName)
    {
        var path = $"{PlatformConfigLoader.PlatformContextKey}.environments({environmentName}).connect.connectors({connector.Name}).tables";
        var file = DefinitionFile(table);
        var fullPath = Path.Combine(root, file);
        if (!File.Exists(fullPath))
        {
            return (null, new(path, $"{table} lands in the lakehouse but has no table definition", $"add {file} with the table's CREATE TABLE statement (the schema gate reads the same file), or leave connector '{connector.Name}' out of lakehouse.connectors"));
        }

        TableDefinition definition;
        try
        {
            definition = SqlParser.ParseCreateTable(File.ReadAllText(fullPath), table.Split('.')[0]);
        }
        catch (UnsupportedSqlException exception)
        {
            return (null, new(path, $"{file} cannot be read: {exception.Message}", "write it as one CREATE TABLE statement the schema gate accepts"));
        }

        var expected = table.Split('.');
        if (!string.Equals(definition.Database, expected[0], StringComparison.OrdinalIgnoreCase) || !string.Equals(definition.Name, expected[^1], StringComparison.OrdinalIgnoreCase))
        {
            return (null, new(path, $"{file} defines {definition.Database}.{definition.Name}, not {table}", $"make {file} the CREATE TABLE statement of {table}"));
        }

        if (definition.PrimaryKey.Count == 0)
        {
            return (null, new(path, $"{table} has no primary key in {file}", "declare its PRIMARY KEY: current state keeps one row per key"));
        }

        try
        {
            _ = IcebergSchema.Columns(definition);
        }
        catch (UnsupportedSqlException exception)
        {
            return (null, new(path, $"{file}: {exception.Message}", "use a MySQL type the schema gate maps (docs/lakehouse.md lists them)"));
        }

        return (definition, null);
    }
}
