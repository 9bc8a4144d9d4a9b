namespace SchemaGate.Tests;

public static class Gate
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static TableDefinition Person => SqlParser.ParseCreateTable(File.ReadAllText(Fixture("person.sql")));

    public static GateResult Change(TableDefinition current, string alter, params TableDefinition[] older) =>
        CompatibilityGate.Evaluate(
            [.. older.Select(table => DebeziumAvroSchema.ValueSchema(table, "fullfillment")), DebeziumAvroSchema.ValueSchema(current, "fullfillment")],
            DebeziumAvroSchema.ValueSchema(SqlParser.ApplyAlter(current, alter), "fullfillment"),
            $"{current.Database}.{current.Name}");
}
