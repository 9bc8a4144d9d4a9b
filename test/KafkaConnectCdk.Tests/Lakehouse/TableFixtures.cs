using SchemaGate;

namespace KafkaConnectCdk.Tests.Lakehouse;

/// <summary>The table definitions the lakehouse tests derive Iceberg columns and DDL from.</summary>
public static class TableFixtures
{
    /// <summary>The seed's test_db.person, as migrations/schema/person.sql defines it.</summary>
    public static readonly TableDefinition Person = SqlParser.ParseCreateTable(
        File.ReadAllText(Path.Combine(KafkaConnectCdk.Platform.RepositoryPaths.Root, "migrations", "schema", "person.sql")));

    /// <summary>One column of every MySQL type the schema gate maps.</summary>
    public static readonly TableDefinition EveryType = SqlParser.ParseCreateTable("""
        CREATE TABLE test_db.every_type (
          id BIGINT NOT NULL,
          flag BOOLEAN, tiny_flag TINYINT(1), one_bit BIT(1), bits BIT(8),
          tiny TINYINT, small SMALLINT, medium MEDIUMINT, year_value YEAR,
          whole INT, whole_unsigned INT UNSIGNED, big BIGINT,
          real_value FLOAT, double_value DOUBLE, amount DECIMAL(12,3),
          code CHAR(3), label VARCHAR(40), body TEXT, state ENUM('a','b'), tags SET('x','y'), doc JSON,
          raw BINARY(16), blob_value BLOB,
          day DATE, moment DATETIME, precise_moment DATETIME(6), time_of_day TIME, stamped TIMESTAMP,
          PRIMARY KEY (id)
        )
        """);
}
