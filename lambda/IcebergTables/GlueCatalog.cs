using System.Text.Json.Nodes;

namespace IcebergTableSync;

public interface ITableCatalog
{
    /// <summary>The table, or null when Glue has no such table.</summary>
    Task<CatalogTable?> GetTableAsync(string database, string table, CancellationToken cancellation);
}

/// <summary>
/// Glue GetTable (https://docs.aws.amazon.com/glue/latest/webapi/API_GetTable.html): EntityNotFoundException means
/// absent; <c>Parameters.table_type</c> says ICEBERG for Iceberg tables; the columns are StorageDescriptor.Columns, of
/// which Iceberg's Glue catalog keeps dropped ones flagged <c>iceberg.field.current=false</c> (apache/iceberg
/// IcebergToGlueConverter, pyiceberg catalog/glue.py ICEBERG_FIELD_CURRENT): those are not current columns.
/// </summary>
public sealed class GlueCatalog(AwsJsonClient glue) : ITableCatalog
{
    public const string EntityNotFound = "EntityNotFoundException";
    public const string CurrentFieldParameter = "iceberg.field.current";

    public async Task<CatalogTable?> GetTableAsync(string database, string table, CancellationToken cancellation)
    {
        JsonObject answer;
        try
        {
            answer = await glue.CallAsync("GetTable", new JsonObject { ["DatabaseName"] = database, ["Name"] = table }, cancellation);
        }
        catch (AwsServiceException error) when (error.ErrorType == EntityNotFound)
        {
            return null;
        }

        var found = answer["Table"] ?? throw new InvalidOperationException($"Glue GetTable {database}.{table} answered without a Table");
        var columns = (found["StorageDescriptor"]?["Columns"] as JsonArray ?? [])
            .Where(column => (string?)column?["Parameters"]?[CurrentFieldParameter] != "false")
            .Select(column => new TableColumn((string?)column!["Name"] ?? "", (string?)column["Type"] ?? ""))
            .ToList();
        return new CatalogTable((string?)found["Name"] ?? table, (string?)found["Parameters"]?["table_type"], columns);
    }
}
