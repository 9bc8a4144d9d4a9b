using System.Text.RegularExpressions;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    public static IReadOnlyList<ConfigurationError> ValidatePipeline(PlatformConfig platform)
    {
        const string path = $"{PlatformConfigLoader.PlatformContextKey}.pipeline";
        var errors = new List<ConfigurationError>();
        if (platform.Pipeline is not { } pipeline)
        {
            errors.Add(new(path, "the pipeline is not configured", "add pipeline.account, region, connectionArn, repository and branch to cdk.json"));
            return errors;
        }

        if (!AccountPattern().IsMatch(pipeline.Account))
        {
            errors.Add(new($"{path}.account", $"'{pipeline.Account}' is not a 12-digit AWS account id", "set the tooling account that hosts the pipeline"));
        }

        if (!RegionPattern().IsMatch(pipeline.Region))
        {
            errors.Add(new($"{path}.region", $"'{pipeline.Region}' is not an AWS region name", "use a region code such as eu-west-1"));
        }

        if (!ConnectionArnPattern().IsMatch(pipeline.ConnectionArn))
        {
            errors.Add(new($"{path}.connectionArn", $"'{pipeline.ConnectionArn}' is not a CodeConnections connection ARN", "create a GitLab connection in the tooling account (Developer Tools > Connections) and paste its ARN"));
        }

        if (!RepositoryPattern().IsMatch(pipeline.Repository))
        {
            errors.Add(new($"{path}.repository", $"'{pipeline.Repository}' is not a GitLab project path", "use group/project, e.g. data-platform/kafka-connect-cdk"));
        }

        if (string.IsNullOrWhiteSpace(pipeline.Branch))
        {
            errors.Add(new($"{path}.branch", "the branch is empty", "name the branch the pipeline deploys, e.g. main"));
        }

        return errors;
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:[0-9]{12}:connection/[0-9a-f-]{36}$")]
    private static partial Regex ConnectionArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")]
    private static partial Regex RepositoryPattern();
}
