using System.Text;
using System.Text.Json.Nodes;
using CustomResources;
using KafkaConnectCdk.Contracts;

namespace IcebergTableSync.Tests;

/// <summary>The handler end to end against the fake services: the event as the Provider framework passes it.</summary>
[Trait("Category", "Unit")]
public sealed class FunctionTests : IDisposable
{
    private readonly FakeAws fake = new();
    private readonly HttpClient http = new();
    private readonly StringWriter logs = new();

    public void Dispose()
    {
        http.Dispose();
        fake.Dispose();
    }

    private Function Function() => new(FakeAws.Region, fake.Endpoint, fake.Endpoint, _ => Task.FromResult(FakeAws.Credentials), http,
        new StructuredLog(logs), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10));

    private static JsonObject Event(string requestType, params JsonObject[] tables) => new()
    {
        ["RequestType"] = requestType,
        ["PhysicalResourceId"] = requestType == "Create" ? null : "kcc_dev_lakehouse-iceberg-tables",
        ["ResourceProperties"] = new JsonObject
        {
            ["ServiceToken"] = "arn:aws:lambda:eu-west-1:111111111111:function:provider",
            [IcebergTablesProperties.Database] = "kcc_dev_lakehouse",
            [IcebergTablesProperties.WorkGroup] = "kcc-dev-lakehouse",
            [IcebergTablesProperties.Tables] = new JsonArray([.. tables]),
        },
    };

    private static JsonObject Table(string name, params (string Name, string Type)[] columns) => new()
    {
        [IcebergTablesProperties.TableName] = name,
        [IcebergTablesProperties.TableLocation] = $"s3://bucket/warehouse/{name}",
        [IcebergTablesProperties.TableColumns] = new JsonArray([.. columns.Select(column => (JsonNode)new JsonObject
        {
            [IcebergTablesProperties.ColumnName] = column.Name,
            [IcebergTablesProperties.ColumnType] = column.Type,
        })]),
    };

    private JsonObject Invoke(JsonObject @event)
    {
        using var output = Function().OnEvent(new MemoryStream(Encoding.UTF8.GetBytes(@event.ToJsonString())));
        return JsonNode.Parse(output)!.AsObject();
    }

    [Fact]
    public void Create_creates_every_absent_table_and_a_second_run_changes_nothing()
    {
        var create = Event("Create", Table("person", ("id", "int"), ("email", "string")), Table("person_changelog", ("id", "int")));

        var answer = Invoke(create);
        Invoke(create);

        Assert.Equal("kcc_dev_lakehouse-iceberg-tables", (string?)answer["PhysicalResourceId"]);
        Assert.Equal(
            [
                "CREATE TABLE `kcc_dev_lakehouse`.`person` (`id` int, `email` string) LOCATION 's3://bucket/warehouse/person' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')",
                "CREATE TABLE `kcc_dev_lakehouse`.`person_changelog` (`id` int) LOCATION 's3://bucket/warehouse/person_changelog' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')",
            ],
            fake.Statements);
    }

    [Fact]
    public void Update_adds_the_new_column_and_keeps_the_sinks_own()
    {
        fake.Tables["person"] = FakeAws.IcebergTable("person", ("id", "int"), ("added_by_sink", "string"));

        Invoke(Event("Update", Table("person", ("id", "int"), ("nickname", "string"))));

        Assert.Equal(["ALTER TABLE `kcc_dev_lakehouse`.`person` ADD COLUMNS (`nickname` string)"], fake.Statements);
    }

    [Fact]
    public void A_refused_table_fails_the_request_before_any_statement_runs()
    {
        fake.Tables["person"] = FakeAws.IcebergTable("person", ("id", "bigint"));

        var error = Assert.Throws<InvalidOperationException>(() => Invoke(Event("Update", Table("absent", ("id", "int")), Table("person", ("id", "int")))));

        Assert.Contains("id is bigint, the schema wants int", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Statements);
        Assert.Contains("\"level\":\"ERROR\"", logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_touches_nothing()
    {
        fake.Tables["person"] = FakeAws.IcebergTable("person", ("id", "int"));

        var answer = Invoke(Event("Delete", Table("person", ("id", "int"))));

        Assert.Equal("kcc_dev_lakehouse-iceberg-tables", (string?)answer["PhysicalResourceId"]);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void A_type_athena_cannot_create_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<InvalidEventException>(() => Invoke(Event("Create", Table("person", ("id", "tinyint")))));

        Assert.Equal("ResourceProperties.Tables[0].Columns[0].Type", error.Field);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void A_failed_statement_fails_the_request_with_athenas_reason()
    {
        fake.FailingStatement = "CREATE TABLE `kcc_dev_lakehouse`.`person` (`id` int) LOCATION 's3://bucket/warehouse/person' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')";

        var error = Assert.Throws<InvalidOperationException>(() => Invoke(Event("Create", Table("person", ("id", "int")))));

        Assert.Contains("HIVE_METASTORE_ERROR", error.Message, StringComparison.Ordinal);
    }
}
