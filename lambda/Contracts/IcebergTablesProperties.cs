namespace KafkaConnectCdk.Contracts;

/// <summary>The properties of a <c>Custom::IcebergTables</c> resource (IcebergTables writes them, the tables function parses them).</summary>
public static class IcebergTablesProperties
{
    public const string ResourceType = "Custom::IcebergTables";

    /// <summary>The Glue database the tables live in.</summary>
    public const string Database = "Database";

    /// <summary>The Athena workgroup the DDL runs in (its enforced result location and key apply).</summary>
    public const string WorkGroup = "WorkGroup";

    /// <summary>The desired tables: a list of objects with <see cref="TableName"/>, <see cref="TableLocation"/> and <see cref="TableColumns"/>.</summary>
    public const string Tables = "Tables";

    public const string TableName = "Name";

    /// <summary>The table's S3 location, <c>s3://bucket/warehouse/table</c>.</summary>
    public const string TableLocation = "Location";

    /// <summary>The table's columns in order: a list of objects with <see cref="ColumnName"/> and <see cref="ColumnType"/> (Athena DDL type).</summary>
    public const string TableColumns = "Columns";

    public const string ColumnName = "Name";

    public const string ColumnType = "Type";
}
