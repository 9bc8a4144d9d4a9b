using System.Text.Json;
using CustomResources;
using KafkaConnectCdk.Contracts;

namespace IcebergTableSync;

/// <summary>Reads the custom resource event; every property name comes from <see cref="IcebergTablesProperties"/>.</summary>
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
        var database = EventFields.RequiredString(properties, IcebergTablesProperties.Database, path);
        var workGroup = EventFields.RequiredString(properties, IcebergTablesProperties.WorkGroup, path);
        if (requestType == "Delete")
        {
            return new ReconcileRequest(requestType, physicalId, database, workGroup, []);
        }

        if (!properties.TryGetProperty(IcebergTablesProperties.Tables, out var tables) || tables.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidEventException($"{path}.{IcebergTablesProperties.Tables}", "missing or not a list of tables");
        }

        var parsed = tables.EnumerateArray().Select((table, index) => Table(table, $"{path}.{IcebergTablesProperties.Tables}[{index}]")).ToList();
        var duplicate = parsed.GroupBy(table => table.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null
            ? new ReconcileRequest(requestType, physicalId, database, workGroup, parsed)
            : throw new InvalidEventException($"{path}.{IcebergTablesProperties.Tables}", $"table {duplicate.Key} is listed twice");
    }

    private static DesiredTable Table(JsonElement table, string path)
    {
        if (table.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException(path, "not an object");
        }

        var name = EventFields.RequiredString(table, IcebergTablesProperties.TableName, path);
        var location = EventFields.RequiredString(table, IcebergTablesProperties.TableLocation, path);
        if (!table.TryGetProperty(IcebergTablesProperties.TableColumns, out var columns) || columns.ValueKind != JsonValueKind.Array || columns.GetArrayLength() == 0)
        {
            throw new InvalidEventException($"{path}.{IcebergTablesProperties.TableColumns}", "missing, empty or not a list of columns");
        }

        return new DesiredTable(name, location, [.. columns.EnumerateArray().Select((column, index) =>
        {
            var columnPath = $"{path}.{IcebergTablesProperties.TableColumns}[{index}]";
            if (column.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException(columnPath, "not an object");
            }

            var type = EventFields.RequiredString(column, IcebergTablesProperties.ColumnType, columnPath);
            return AthenaDdl.IsSupportedType(type)
                ? new TableColumn(EventFields.RequiredString(column, IcebergTablesProperties.ColumnName, columnPath), type)
                : throw new InvalidEventException($"{columnPath}.{IcebergTablesProperties.ColumnType}", $"'{type}' is not an Athena Iceberg type (see querying-iceberg-supported-data-types)");
        })]);
    }
}
