using System.Net;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    private static void ValidateSchemaRegistry(SchemaRegistryConfig registry, string path, List<ConfigurationError> errors)
    {
        if (registry.Name is not null && !GlueNamePattern().IsMatch(registry.Name))
        {
            errors.Add(new($"{path}.name", $"'{registry.Name}' is not a valid registry name", "use 1 to 255 letters, digits, hyphens, underscores, $, # or periods"));
        }
        else if (registry.Name is not null && registry.Name.Length + SchemaRegistryConfig.KeyRegistrySuffix.Length > 255)
        {
            errors.Add(new($"{path}.name", $"'{registry.Name}' leaves no room for the keys registry '<name>{SchemaRegistryConfig.KeyRegistrySuffix}' within Glue's 255 characters", $"use at most {255 - SchemaRegistryConfig.KeyRegistrySuffix.Length} characters"));
        }

        ValidateCompatibility(registry.Compatibility, $"{path}.compatibility", errors);

        foreach (var duplicate in registry.Schemas.GroupBy(schema => (schema.Name, schema.Key)).Where(group => group.Count() > 1))
        {
            errors.Add(new($"{path}.schemas", $"the {(duplicate.Key.Key ? "key" : "value")} schema '{duplicate.Key.Name}' is declared {duplicate.Count()} times", "declare each schema once"));
        }

        for (var index = 0; index < registry.Schemas.Count; index++)
        {
            var schema = registry.Schemas[index];
            var schemaPath = $"{path}.schemas[{index}]";
            if (!GlueNamePattern().IsMatch(schema.Name))
            {
                errors.Add(new($"{schemaPath}.name", $"'{schema.Name}' is not a valid schema name", "use 1 to 255 letters, digits, hyphens, underscores, $, # or periods"));
            }

            if (!SchemaRegistryConfig.DataFormats.Contains(schema.DataFormat))
            {
                errors.Add(new($"{schemaPath}.dataFormat", $"'{schema.DataFormat}' is not a Glue data format", $"use one of {string.Join(", ", SchemaRegistryConfig.DataFormats)}"));
            }

            if (schema.Compatibility is not null)
            {
                ValidateCompatibility(schema.Compatibility, $"{schemaPath}.compatibility", errors);
            }

            if (string.IsNullOrWhiteSpace(schema.Definition))
            {
                errors.Add(new($"{schemaPath}.definition", "the definition is empty", "give the first version of the schema"));
            }
            else if (schema.DataFormat is "AVRO" or "JSON" && !IsJson(schema.Definition))
            {
                errors.Add(new($"{schemaPath}.definition", $"an {schema.DataFormat} definition is not valid JSON", "give the schema as a JSON document in a string"));
            }
        }
    }

    private static void ValidateCompatibility(string compatibility, string path, List<ConfigurationError> errors)
    {
        if (!SchemaRegistryConfig.CompatibilityModes.Contains(compatibility))
        {
            errors.Add(new(path, $"'{compatibility}' is not a Glue compatibility mode", $"use one of {string.Join(", ", SchemaRegistryConfig.CompatibilityModes)}"));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_$#.\-]{1,255}$")]
    private static partial Regex GlueNamePattern();
}
