using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Lakehouse;

namespace KafkaConnectCdk.Tests.Lakehouse;

/// <summary>Landed tables take their definitions from migrations/schema/&lt;table&gt;.sql, and say which file to add.</summary>
[Trait("Category", "Unit")]
public sealed class LandedTablesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("kcc-landed-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static EnvironmentConfig Environment(params string[] tables) => new()
    {
        Name = "dev",
        Lakehouse = new LakehouseConfig { Enabled = true },
        Connect = new ConnectConfig { Connectors = [new ConnectorDefinition { Name = "orders", TopicPrefix = "shop", Databases = ["test_db"], Tables = tables }] },
    };

    private void Define(string file, string sql)
    {
        Directory.CreateDirectory(Path.Combine(root, "migrations", "schema"));
        File.WriteAllText(Path.Combine(root, "migrations", "schema", file), sql);
    }

    [Fact]
    public void The_seeds_person_table_lands_from_the_repositorys_definition()
    {
        var table = Assert.Single(LandedTables.Of(Environment("test_db.person")));

        Assert.Equal(("shop.test_db.person", "shop_test_db_person_changelog", "shop_test_db_person"), (table.Topic, table.ChangelogName, table.CurrentStateName));
    }

    [Fact]
    public void Fails_when_a_landed_table_has_no_definition_and_names_the_file_to_add() =>
        Assert.Contains(
            "platform.environments(dev).connect.connectors(orders).tables: test_db.orders lands in the lakehouse but has no table definition. Fix: add migrations/schema/orders.sql",
            Assert.Throws<ConfigurationException>(() => LandedTables.Of(Environment("test_db.orders"), root)).Message);

    [Fact]
    public void Fails_when_a_landed_table_has_no_primary_key()
    {
        Define("orders.sql", "CREATE TABLE test_db.orders (id INT NOT NULL, total DECIMAL(10,2))");

        Assert.Contains(
            "test_db.orders has no primary key in migrations/schema/orders.sql. Fix: declare its PRIMARY KEY",
            Assert.Throws<ConfigurationException>(() => LandedTables.Of(Environment("test_db.orders"), root)).Message);
    }

    [Fact]
    public void Fails_when_the_definition_file_holds_another_table()
    {
        Define("orders.sql", "CREATE TABLE test_db.invoices (id INT PRIMARY KEY)");

        Assert.Contains(
            "migrations/schema/orders.sql defines test_db.invoices, not test_db.orders",
            Assert.Throws<ConfigurationException>(() => LandedTables.Of(Environment("test_db.orders"), root)).Message);
    }

    [Fact]
    public void Every_missing_definition_is_reported_at_once()
    {
        var message = Assert.Throws<ConfigurationException>(() => LandedTables.Of(Environment("test_db.orders", "test_db.invoices"), root)).Message;

        Assert.Contains("migrations/schema/orders.sql", message, StringComparison.Ordinal);
        Assert.Contains("migrations/schema/invoices.sql", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_lands_when_the_lakehouse_is_off() =>
        Assert.Empty(LandedTables.Of(Environment("test_db.orders") with { Lakehouse = new LakehouseConfig { Enabled = false } }, root));
}
