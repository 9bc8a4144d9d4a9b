using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KafkaConnectCdk.Tests.Iam;

/// <summary>One synthesized stack: its name, account, region and template JSON.</summary>
public sealed record StackTemplate(string StackName, string Account, string Region, JsonObject Template)
{
    public JsonObject Resources => Template["Resources"]!.AsObject();
}

/// <summary>
/// Resolves the CloudFormation intrinsics of the synthesized templates to concrete strings, so that the policies can be
/// evaluated offline. The account and region are each stack's own; every resource gets a fixed fake physical id built
/// from its type and logical id, in the ARN format its service documents (the Ref/GetAtt return values of the
/// CloudFormation resource reference). Cross-stack values (Fn::GetStackOutput, Fn::ImportValue) are looked up in the
/// producing stack's outputs and resolved there. An intrinsic or attribute it does not know fails the test, never a guess.
/// </summary>
public sealed partial class Intrinsics(IReadOnlyList<StackTemplate> stacks)
{
    public StackTemplate Stack(string stackName) => stacks.Single(stack => stack.StackName == stackName);

    public string ResolveString(StackTemplate stack, JsonNode? node) =>
        Resolve(stack, node) is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : Resolve(stack, node)?.ToJsonString() ?? throw new InvalidOperationException("null value");

    /// <summary>A copy of the node with every intrinsic replaced by its value.</summary>
    public JsonNode? Resolve(StackTemplate stack, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Resolve(stack, item))]);
            case JsonObject obj when obj.Count == 1 && (obj.First().Key == "Ref" || obj.First().Key.StartsWith("Fn::", StringComparison.Ordinal)):
                return ResolveIntrinsic(stack, obj.First().Key, obj.First().Value!);
            case JsonObject obj:
                return new JsonObject(obj.Select(pair => KeyValuePair.Create(pair.Key, Resolve(stack, pair.Value))));
            default:
                return node.DeepClone();
        }
    }

    private JsonNode ResolveIntrinsic(StackTemplate stack, string function, JsonNode argument)
    {
        switch (function)
        {
            case "Ref":
                return Ref(stack, (string)argument!);
            case "Fn::GetAtt":
                var parts = argument is JsonArray pair ? [(string)pair[0]!, (string)pair[1]!] : ((string)argument!).Split('.', 2);
                return GetAtt(stack, parts[0], parts[1]);
            case "Fn::Join":
                var join = argument.AsArray();
                return string.Join((string)join[0]!, Resolve(stack, join[1])!.AsArray().Select(item => Text(item)));
            case "Fn::Split":
                var split = argument.AsArray();
                return new JsonArray([.. Text(Resolve(stack, split[1])).Split((string)split[0]!).Select(item => (JsonNode)item)]);
            case "Fn::Select":
                var select = argument.AsArray();
                return Resolve(stack, select[1])!.AsArray()[int.Parse(Text(Resolve(stack, select[0])), System.Globalization.CultureInfo.InvariantCulture)]!.DeepClone();
            case "Fn::Sub":
                var (template, variables) = argument is JsonArray sub ? ((string)sub[0]!, sub[1]!.AsObject()) : ((string)argument!, new JsonObject());
                return SubPattern().Replace(template, match =>
                {
                    var name = match.Groups[1].Value;
                    if (variables.ContainsKey(name))
                    {
                        return Text(Resolve(stack, variables[name]));
                    }

                    return name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal)
                        ? Text(GetAtt(stack, name.Split('.', 2)[0], name.Split('.', 2)[1]))
                        : Text(Ref(stack, name));
                });
            case "Fn::GetStackOutput":
                var producer = Stack((string)argument["StackName"]!);
                return Resolve(producer, producer.Template["Outputs"]![(string)argument["OutputName"]!]!["Value"])!;
            case "Fn::ImportValue":
                var exportName = Text(Resolve(stack, argument));
                var (exporter, output) = stacks.SelectMany(candidate => (candidate.Template["Outputs"]?.AsObject() ?? []).Select(o => (candidate, o.Value!)))
                    .Single(candidate => candidate.Item2["Export"] is { } export && Text(Resolve(candidate.candidate, export["Name"])) == exportName);
                return Resolve(exporter, output["Value"])!;
            default:
                throw new NotSupportedException($"{function} in {stack.StackName}: add it to the test's resolver");
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : node is JsonValue number ? number.ToJsonString() : throw new InvalidOperationException($"not a string: {node?.ToJsonString()}");

    private JsonNode Ref(StackTemplate stack, string name)
    {
        switch (name)
        {
            case "AWS::Partition": return "aws";
            case "AWS::Region": return stack.Region;
            case "AWS::AccountId": return stack.Account;
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::StackName": return stack.StackName;
            case "AWS::NoValue": throw new NotSupportedException("AWS::NoValue");
        }

        if (stack.Template["Parameters"]?[name] is { } parameter)
        {
            return parameter["Default"]?.DeepClone() ?? $"parameter-{name}";
        }

        var resource = stack.Resources[name] ?? throw new InvalidOperationException($"{name} is not a resource of {stack.StackName}");
        var type = (string)resource["Type"]!;
        return type switch
        {
            "AWS::MSK::Cluster" => ClusterArn(stack, name),
            "AWS::SecretsManager::Secret" => SecretArn(stack, name),
            "AWS::StepFunctions::StateMachine" => $"arn:aws:states:{stack.Region}:{stack.Account}:stateMachine:{name}",
            "AWS::SecretsManager::SecretTargetAttachment" => SecretArn(stack, (string)resource["Properties"]!["SecretId"]!["Ref"]!),
            _ => PhysicalName(stack, name),
        };
    }

    private JsonNode GetAtt(StackTemplate stack, string logicalId, string attribute)
    {
        var resource = stack.Resources[logicalId] ?? throw new InvalidOperationException($"{logicalId} is not a resource of {stack.StackName}");
        var type = (string)resource["Type"]!;
        var name = PhysicalName(stack, logicalId);
        return (type, attribute) switch
        {
            ("AWS::MSK::Cluster", "Arn") => ClusterArn(stack, logicalId),
            ("AWS::Glue::Registry", "Arn") => $"arn:aws:glue:{stack.Region}:{stack.Account}:registry/{name}",
            ("AWS::S3::Bucket", "Arn") => $"arn:aws:s3:::{name}",
            ("AWS::KMS::Key", "Arn") => $"arn:aws:kms:{stack.Region}:{stack.Account}:key/{FakeGuid(stack, logicalId)}",
            ("AWS::DynamoDB::Table", "Arn") => $"arn:aws:dynamodb:{stack.Region}:{stack.Account}:table/{name}",
            ("AWS::IAM::Role", "Arn") => $"arn:aws:iam::{stack.Account}:role/{name}",
            ("AWS::Lambda::Function", "Arn") => $"arn:aws:lambda:{stack.Region}:{stack.Account}:function:{name}",
            ("AWS::Logs::LogGroup", "Arn") => $"arn:aws:logs:{stack.Region}:{stack.Account}:log-group:{name}:*",
            ("AWS::RDS::DBInstance", "Endpoint.Address") => $"{name}.abcdefghijkl.{stack.Region}.rds.amazonaws.com",
            ("AWS::RDS::DBInstance", "Endpoint.Port") => "3306",
            // RDS names the secret it manages rds!db-<resource id>-<suffix>.
            ("AWS::RDS::DBInstance", "MasterUserSecret.SecretArn") => $"arn:aws:secretsmanager:{stack.Region}:{stack.Account}:secret:rds!db-{FakeGuid(stack, logicalId)}-{FakeGuid(stack, logicalId)[..6]}",
            ("AWS::RDS::DBInstance", "DbiResourceId") => $"db-{FakeGuid(stack, logicalId)[..26].Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()}",
            _ when type.StartsWith("Custom::", StringComparison.Ordinal) => $"{logicalId}.{attribute}",
            _ => $"{logicalId}.{attribute}",
        };
    }

    /// <summary>The resource's name property when the template sets one (e.g. ClusterName, Name), else its logical id.</summary>
    private static string PhysicalName(StackTemplate stack, string logicalId)
    {
        var properties = stack.Resources[logicalId]!["Properties"] as JsonObject;
        foreach (var key in new[] { "ClusterName", "Name", "TableName", "RoleName", "FunctionName", "LogGroupName", "DBInstanceIdentifier" })
        {
            if (properties?[key] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                return text;
            }
        }

        return logicalId;
    }

    private static string ClusterArn(StackTemplate stack, string logicalId) =>
        $"arn:aws:kafka:{stack.Region}:{stack.Account}:cluster/{PhysicalName(stack, logicalId)}/{FakeGuid(stack, logicalId)}-1";

    private static string SecretArn(StackTemplate stack, string logicalId) =>
        $"arn:aws:secretsmanager:{stack.Region}:{stack.Account}:secret:{PhysicalName(stack, logicalId)}-{FakeGuid(stack, logicalId)[..6]}";

    private static string FakeGuid(StackTemplate stack, string logicalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{stack.StackName}/{logicalId}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubPattern();
}
