using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SchemaGate.Tests;

[Trait("Category", "Unit")]
public sealed class ModeTests
{
    private static ModeVerdict Verdict(string alter, string mode) => Gate.Change(Gate.Person, alter).For(mode);

    [Theory]
    [InlineData("ALTER TABLE person ADD COLUMN score INT NOT NULL DEFAULT 0", "BACKWARD", true)]
    [InlineData("ALTER TABLE person ADD COLUMN score INT NOT NULL DEFAULT 0", "FORWARD", true)]
    [InlineData("ALTER TABLE person ADD COLUMN score INT NOT NULL DEFAULT 0", "FULL", true)]
    [InlineData("ALTER TABLE person ADD COLUMN score INT NOT NULL", "FORWARD", true)]
    [InlineData("ALTER TABLE person ADD COLUMN score INT NOT NULL", "FULL", false)]
    [InlineData("ALTER TABLE person DROP COLUMN email", "FORWARD", false)]
    [InlineData("ALTER TABLE person DROP COLUMN email", "FULL", false)]
    [InlineData("ALTER TABLE person MODIFY COLUMN id BIGINT NOT NULL", "BACKWARD", true)]
    [InlineData("ALTER TABLE person MODIFY COLUMN id BIGINT NOT NULL", "FORWARD", false)]
    [InlineData("ALTER TABLE person MODIFY COLUMN email INT NOT NULL", "BACKWARD", false)]
    [InlineData("ALTER TABLE person RENAME COLUMN email TO mail", "BACKWARD", false)]
    [InlineData("ALTER TABLE person RENAME COLUMN email TO mail", "FORWARD", false)]
    [InlineData("ALTER TABLE person MODIFY COLUMN email VARCHAR(255) NULL", "BACKWARD", true)]
    [InlineData("ALTER TABLE person MODIFY COLUMN email VARCHAR(255) NULL", "FORWARD", false)]
    [InlineData("ALTER TABLE person ALTER COLUMN email SET DEFAULT 'unknown'", "FULL", true)]
    public void Each_mode_follows_avro_resolution(string alter, string mode, bool compatible) =>
        Assert.Equal(compatible, Verdict(alter, mode).Compatible);

    [Fact]
    public void None_accepts_and_disabled_refuses_every_change()
    {
        var result = Gate.Change(Gate.Person, "ALTER TABLE person ADD COLUMN score INT NOT NULL");

        Assert.True(result.For("NONE").Compatible);
        Assert.False(result.For("DISABLED").Compatible);
        Assert.Equal(CompatibilityGate.Modes, result.Verdicts.Select(verdict => verdict.Mode));
    }

    [Fact]
    public void A_type_change_is_explained()
    {
        var verdict = Verdict("ALTER TABLE person MODIFY COLUMN email INT NOT NULL", "BACKWARD");

        Assert.Equal("field 'email' changes from string to int: readers of the new schema cannot read records written with the old one", verdict.Reason);
    }

    [Fact]
    public void A_column_becoming_nullable_is_explained_for_forward() =>
        Assert.Equal(
            "field 'email' changes from string to null or string: readers of the old schema cannot read records written with the new one",
            Verdict("ALTER TABLE person MODIFY COLUMN email VARCHAR(255) NULL", "FORWARD").Reason);

    [Fact]
    public void A_dropped_required_field_is_explained_for_forward() =>
        Assert.Equal(
            "field 'email' is dropped, but the old schema requires it and has no default: readers of the old schema cannot read records written with the new one",
            Verdict("ALTER TABLE person DROP COLUMN email", "FORWARD").Reason);

    [Fact]
    public void The_all_modes_check_every_earlier_version()
    {
        // Version 1 had no nickname; version 2 (current) added it as optional.
        var version1 = Gate.Person;
        var version2 = SqlParser.ApplyAlter(version1, "ALTER TABLE person ADD COLUMN nickname VARCHAR(40) NULL");

        // A required column with a default reads both earlier versions.
        Assert.True(Gate.Change(version2, "ALTER TABLE person ADD COLUMN score INT NOT NULL DEFAULT 0", version1).For("BACKWARD_ALL").Compatible);

        // Making nickname required cannot read version 2's null nicknames, even with a default.
        var required = Gate.Change(version2, "ALTER TABLE person MODIFY COLUMN nickname VARCHAR(40) NOT NULL DEFAULT 'none'", version1);
        Assert.False(required.For("BACKWARD_ALL").Compatible);
        Assert.StartsWith("field 'nickname' changes from null or string to string (version 2 of 2)", required.For("BACKWARD_ALL").Reason, StringComparison.Ordinal);

        // Dropping email: the current version and version 1 both require it, so FORWARD_ALL fails on both.
        var dropped = Gate.Change(version2, "ALTER TABLE person DROP COLUMN email", version1);
        Assert.False(dropped.For("FORWARD_ALL").Compatible);
        Assert.Contains("(version 2 of 2)", dropped.For("FORWARD_ALL").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_all_fails_on_an_older_version_even_when_the_latest_passes()
    {
        // Version 1 stored score as a string; version 2 made it an int. An int reader cannot read version 1.
        var version1 = SqlParser.ApplyAlter(Gate.Person, "ALTER TABLE person ADD COLUMN score VARCHAR(10) NULL");
        var version2 = SqlParser.ApplyAlter(Gate.Person, "ALTER TABLE person ADD COLUMN score INT NULL");

        var result = Gate.Change(version2, "ALTER TABLE person ADD COLUMN note VARCHAR(10) NULL", version1);

        Assert.True(result.For("BACKWARD").Compatible);
        Assert.False(result.For("BACKWARD_ALL").Compatible);
        Assert.Contains("(version 1 of 2)", result.For("BACKWARD_ALL").Reason, StringComparison.Ordinal);
    }

    [Property(MaxTest = 50)]
    public Property Adding_an_optional_column_is_always_backward_and_forward_compatible(PositiveInt suffix, bool text)
    {
        var type = text ? "VARCHAR(80)" : "BIGINT";
        var result = Gate.Change(Gate.Person, $"ALTER TABLE person ADD COLUMN extra_{suffix.Get} {type} NULL");
        return Prop.ToProperty(result.For("BACKWARD").Compatible && result.For("FORWARD").Compatible && result.For("FULL").Compatible);
    }
}
