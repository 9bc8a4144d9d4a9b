using System.Text.Json;
using CustomResources;
using IcebergTableSync.Contract;

namespace IcebergTableSync;

/// <summary>Reads the custom resource event; every property name comes from <see cref="IcebergTablesContract"/>.</summary>
public static class RequestParser
{
    public static ReconcileRequest Parse(string json)
    {
        using var document = EventFields.ParseDocument(json);
        var root = document.RootElement;
        var requestType = EventFields.RequestType(root);
        var physicalId = EventFields.OptionalString(root, "PhysicalResourceId", "event");
        var properties = EventFields.RequiredObject(root, "ResourceProperties");
        const string path = "ResourceProperties";
        var database = EventFields.RequiredString(properties, IcebergTablesContract.Database, path);
        var workGroup = EventFields.RequiredString(properties, IcebergTablesContract.WorkGroup, path);
        if (requestType == "Delete")
        {
            return new ReconcileRequest(requestType, physicalId, database, workGroup, []);
        }

        if (!properties.TryGetProperty(IcebergTablesContract.Tables, out var tables) || tables.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidEventException($"{path}.{IcebergTablesContract.Tables}", "missing or not a list of tables");
        }

        var parsed = tables.EnumerateArray().Select((table, index) => Table(table, $"{path}.{IcebergTablesContract.Tables}[{index}]")).ToList();
        var duplicate = parsed.GroupBy(table => table.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null
            ? new ReconcileRequest(requestType, physicalId, database, workGroup, parsed)
            : throw new InvalidEventException($"{path}.{IcebergTablesContract.Tables}", $"table {duplicate.Key} is listed twice");
    }

    private static DesiredTable Table(JsonElement table, string path)
    {
        if (table.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException(path, "not an object");
        }

        var name = EventFields.RequiredString(table, IcebergTablesContract.TableName, path);
        var location = EventFields.RequiredString(table, IcebergTablesContract.TableLocation, path);
        if (!table.TryGetProperty(IcebergTablesContract.TableColumns, out var columns) || columns.ValueKind != JsonValueKind.Array || columns.GetArrayLength() == 0)
        {
            throw new InvalidEventException($"{path}.{IcebergTablesContract.TableColumns}", "missing, empty or not a list of columns");
        }

        return new DesiredTable(name, location, [.. columns.EnumerateArray().Select((column, index) =>
        {
            var columnPath = $"{path}.{IcebergTablesContract.TableColumns}[{index}]";
            if (column.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException(columnPath, "not an object");
            }

            var type = EventFields.RequiredString(column, IcebergTablesContract.ColumnType, columnPath);
            return AthenaDdl.IsSupportedType(type)
                ? new TableColumn(EventFields.RequiredString(column, IcebergTablesContract.ColumnName, columnPath), type)
                : throw new InvalidEventException($"{columnPath}.{IcebergTablesContract.ColumnType}", $"'{type}' is not an Athena Iceberg type (see querying-iceberg-supported-data-types)");
        })]);
    }
}
