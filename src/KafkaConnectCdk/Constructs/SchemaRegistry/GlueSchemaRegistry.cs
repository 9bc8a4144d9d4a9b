using Amazon.CDK;
using Amazon.CDK.AWS.Glue;
using Amazon.CDK.AWS.IAM;
using Constructs;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Constructs.SchemaRegistry;

public sealed record GlueSchemaRegistryProps(string RegistryName, SchemaRegistryConfig Registry);

/// <summary>
/// The Glue Schema Registries of the change events and the schemas declared ahead of the connectors: one registry for
/// the values and one for the keys (<see cref="KeyRegistryNameOf"/>). The converters name every schema after its topic
/// (aws-glue-schema-registry v1.1.25 AWSSchemaNamingStrategyDefaultImpl), for keys and values alike, so one registry
/// would make a topic's key and value versions of one schema. Glue has no registry-wide compatibility: each schema
/// carries its own, and the converters pass <see cref="Compatibility"/> when they auto-register one.
/// </summary>
public sealed class GlueSchemaRegistry : Construct
{
    public GlueSchemaRegistry(Construct scope, string id, GlueSchemaRegistryProps props) : base(scope, id)
    {
        Registry = new CfnRegistry(this, "Registry", new CfnRegistryProps
        {
            Name = props.RegistryName,
            Description = $"Value schemas of the change events in {props.RegistryName}, one per topic; default compatibility {props.Registry.Compatibility}",
        });
        KeyRegistry = new CfnRegistry(this, "KeyRegistry", new CfnRegistryProps
        {
            Name = KeyRegistryNameOf(props.RegistryName),
            Description = $"Key schemas of the change events in {props.RegistryName}, one per topic; default compatibility {props.Registry.Compatibility}",
        });
        RegistryName = props.RegistryName;
        KeyRegistryName = KeyRegistryNameOf(props.RegistryName);
        Compatibility = props.Registry.Compatibility;

        foreach (var declared in props.Registry.Schemas)
        {
            new CfnSchema(this, declared.Key ? $"KeySchema-{declared.Name}" : $"Schema-{declared.Name}", new CfnSchemaProps
            {
                Name = declared.Name,
                Registry = new CfnSchema.RegistryProperty { Arn = declared.Key ? KeyRegistry.AttrArn : Registry.AttrArn },
                DataFormat = declared.DataFormat,
                Compatibility = declared.Compatibility ?? props.Registry.Compatibility,
                SchemaDefinition = declared.Definition,
            });
        }
    }

    /// <summary>The registry the key converters write to.</summary>
    public static string KeyRegistryNameOf(string registryName) => $"{registryName}{SchemaRegistryConfig.KeyRegistrySuffix}";

    /// <summary>What the Glue converters need to register and read schemas of the value and key registries.</summary>
    public void GrantConverterAccess(IGrantable grantee)
    {
        var stack = Stack.Of(this);
        string SchemasOf(string registry) => stack.FormatArn(new ArnComponents { Service = "glue", Resource = "schema", ResourceName = $"{registry}/*" });
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions =
            [
                "glue:GetRegistry", "glue:CreateSchema", "glue:GetSchema", "glue:GetSchemaByDefinition", "glue:RegisterSchemaVersion",
                "glue:PutSchemaVersionMetadata", "glue:GetSchemaVersionsDiff", "glue:ListSchemaVersions",
            ],
            Resources = [RegistryArn, SchemasOf(RegistryName), KeyRegistry.AttrArn, SchemasOf(KeyRegistryName)],
        }));
        // GetSchemaVersion is looked up by version id alone and cannot be scoped to a registry
        // (awslabs/aws-glue-schema-registry#68, #151).
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["glue:GetSchemaVersion"],
            Resources = ["*"],
        }));
    }

    public CfnRegistry Registry { get; }

    public string RegistryName { get; }

    public CfnRegistry KeyRegistry { get; }

    public string KeyRegistryName { get; }

    public string RegistryArn => Registry.AttrArn;

    /// <summary>The compatibility mode connector schemas are registered with.</summary>
    public string Compatibility { get; }
}
