using System.Text.Json.Nodes;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace SchemaGate;

/// <summary>
/// Avro's resolving reader put to work: for each field both schemas have, a value of every branch of the writer's
/// type is written with the writer's field and read back with the reader's (GenericDatumReader). Schema.CanRead alone
/// accepts a reader that cannot read every branch of a writer's union (a required field reading an optional one, an
/// int reading a string branch); reading real data does not. Fields are probed one at a time to name the culprit.
/// </summary>
public static class ResolutionProbe
{
    /// <summary>The first field whose values the reader cannot read, or null.</summary>
    public static string? FirstFailure(RecordSchema writer, RecordSchema reader)
    {
        var writerFields = FieldsOf(writer);
        var readerFields = FieldsOf(reader);
        foreach (var (name, writerField) in writerFields)
        {
            if (readerFields.TryGetValue(name, out var readerField) && !Resolves(SingleField(writerField), SingleField(readerField)))
            {
                return name;
            }
        }

        return null;
    }

    private static bool Resolves(RecordSchema writer, RecordSchema reader)
    {
        var field = writer.Fields[0];
        var branches = field.Schema is UnionSchema union ? union.Schemas : [field.Schema];
        foreach (var branch in branches)
        {
            var datum = new GenericRecord(writer);
            datum.Add(field.Name, Sample(branch));
            try
            {
                using var stream = new MemoryStream();
                new GenericDatumWriter<GenericRecord>(writer).Write(datum, new BinaryEncoder(stream));
                stream.Position = 0;
                new GenericDatumReader<GenericRecord>(writer, reader).Read(null!, new BinaryDecoder(stream));
            }
            catch (AvroException)
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, JsonNode> FieldsOf(RecordSchema schema) =>
        JsonNode.Parse(schema.ToString())!["fields"]!.AsArray().ToDictionary(field => (string)field!["name"]!, field => field!);

    private static RecordSchema SingleField(JsonNode field) =>
        (RecordSchema)Schema.Parse(new JsonObject { ["type"] = "record", ["name"] = "Probe", ["fields"] = new JsonArray(field.DeepClone()) }.ToJsonString());

    private static object? Sample(Schema schema) => schema.Tag switch
    {
        Schema.Type.Null => null,
        Schema.Type.Boolean => true,
        Schema.Type.Int => 1,
        Schema.Type.Long => 1L,
        Schema.Type.Float => 1f,
        Schema.Type.Double => 1d,
        Schema.Type.Bytes => new byte[] { 1 },
        Schema.Type.String => "x",
        _ => throw new UnsupportedSqlException($"the gate cannot build a sample of Avro type {schema.Tag}"),
    };
}
