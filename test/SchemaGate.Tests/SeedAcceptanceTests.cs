namespace SchemaGate.Tests;

/// <summary>The seed's schema-evolution cases on test_db.person under BACKWARD, with the seed's results.</summary>
[Trait("Category", "Unit")]
public sealed class SeedAcceptanceTests
{
    [Fact]
    public void Dropping_a_column_passes_backward() =>
        Assert.True(Gate.Change(Gate.Person, File.ReadAllText(Gate.Fixture("drop-email.sql"))).For("BACKWARD").Compatible);

    [Fact]
    public void Adding_a_nullable_column_passes_backward() =>
        Assert.True(Gate.Change(Gate.Person, File.ReadAllText(Gate.Fixture("add-nullable-address.sql"))).For("BACKWARD").Compatible);

    [Fact]
    public void Adding_a_not_null_column_without_default_fails_backward_with_the_reason()
    {
        var verdict = Gate.Change(Gate.Person, File.ReadAllText(Gate.Fixture("add-required-address.sql"))).For("BACKWARD");

        Assert.False(verdict.Compatible);
        Assert.Equal("new field 'address' is required and has no default: readers of the new schema cannot read records written with the old one", verdict.Reason);
    }
}
