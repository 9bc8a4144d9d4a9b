using Amazon.CDK;
using Amazon.CDK.AWS.Glue;
using Amazon.CDK.AWS.IAM;
using Constructs;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Constructs.SchemaRegistry;

public sealed record GlueSchemaRegistryProps(string RegistryName, SchemaRegistryConfig Registry);

/// <summary>
/// A Glue Schema Registry and the schemas declared ahead of the connectors. Glue has no registry-wide compatibility:
/// each schema carries its own, and the converters pass <see cref="Compatibility"/> when they auto-register one.
/// </summary>
public sealed class GlueSchemaRegistry : Construct
{
    public GlueSchemaRegistry(Construct scope, string id, GlueSchemaRegistryProps props) : base(scope, id)
    {
        Registry = new CfnRegistry(this, "Registry", new CfnRegistryProps
        {
            Name = props.RegistryName,
            Description = $"Schemas of the change events in {props.RegistryName}; default compatibility {props.Registry.Compatibility}",
        });
        RegistryName = props.RegistryName;
        Compatibility = props.Registry.Compatibility;

        foreach (var declared in props.Registry.Schemas)
        {
            new CfnSchema(this, $"Schema-{declared.Name}", new CfnSchemaProps
            {
                Name = declared.Name,
                Registry = new CfnSchema.RegistryProperty { Arn = Registry.AttrArn },
                DataFormat = declared.DataFormat,
                Compatibility = declared.Compatibility ?? props.Registry.Compatibility,
                SchemaDefinition = declared.Definition,
            });
        }
    }

    /// <summary>What the Glue converters need to register and read schemas of this registry.</summary>
    public void GrantConverterAccess(IGrantable grantee)
    {
        var stack = Stack.Of(this);
        var schemas = stack.FormatArn(new ArnComponents { Service = "glue", Resource = "schema", ResourceName = $"{RegistryName}/*" });
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions =
            [
                "glue:GetRegistry", "glue:CreateSchema", "glue:GetSchema", "glue:GetSchemaByDefinition", "glue:RegisterSchemaVersion",
                "glue:PutSchemaVersionMetadata", "glue:GetSchemaVersionsDiff", "glue:ListSchemaVersions",
            ],
            Resources = [RegistryArn, schemas],
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

    public string RegistryArn => Registry.AttrArn;

    /// <summary>The compatibility mode connector schemas are registered with.</summary>
    public string Compatibility { get; }
}
