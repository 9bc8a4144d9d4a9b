using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Constructs.Operations;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ConnectorOperatorTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Connect);

    private TemplateView View => Prod.View();

    private JsonObject Function => View.FunctionWithHandler(ConnectorOperator.Handler);

    private string GroupOf(string descriptionStart) =>
        View.LogicalIdsOfType("AWS::EC2::SecurityGroup").Single(id => ((string?)View.Properties(id)["GroupDescription"])!.StartsWith(descriptionStart, StringComparison.Ordinal));

    [Fact]
    public void The_operations_function_runs_on_dotnet10_arm64_in_the_vpc_under_a_fixed_name_the_script_uses()
    {
        Assert.Equal("dotnet10", (string?)Function["Runtime"]);
        Assert.Equal("arm64", (string?)Function["Architectures"]![0]);
        Assert.NotNull(Function["VpcConfig"]);
        Assert.Equal("kcc-prod-connector-ops", (string?)Function["FunctionName"]);
        Assert.Equal(ConnectorOperator.FunctionNameOf("kcc-prod"), (string?)Function["FunctionName"]);
    }

    [Fact]
    public void The_function_gets_every_setting_it_reads_and_no_secret_value()
    {
        var variables = Function["Environment"]!["Variables"]!.AsObject();

        foreach (var name in new[] { ConnectorOperations.Function.ConnectUrlVariable, ConnectorOperations.Function.DatabaseHostVariable, ConnectorOperations.Function.DatabasePortVariable, ConnectorOperations.Function.ConnectorSecretVariable, CustomResources.InvocationBudget.TimeoutVariable })
        {
            Assert.NotNull(variables[name]);
        }

        Assert.Contains(":8083/", variables[ConnectorOperations.Function.ConnectUrlVariable]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("password", Function.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The shipped configuration registers connectors through REST, so the function may change their state.</summary>
    [Fact]
    public void The_function_is_told_who_owns_the_connectors_state_in_the_words_it_parses()
    {
        var variables = Function["Environment"]!["Variables"]!.AsObject();

        Assert.Equal(ConnectorOperations.Function.RestStateOwner, (string?)variables[ConnectorOperations.Function.StateOwnerVariable]);
    }

    [Fact]
    public void Its_security_group_is_a_caller_of_its_own_that_the_rest_endpoint_and_the_database_admit()
    {
        var group = GroupOf("Connector operations");
        var ingress = Prod.PropertiesOfType("AWS::EC2::SecurityGroupIngress");
        var egress = Prod.PropertiesOfType("AWS::EC2::SecurityGroupEgress");

        var rest = Assert.Single(ingress, rule => (string?)rule["Description"] == "Connector operations");
        Assert.Equal(8083, (int?)rest["FromPort"]);
        Assert.Contains(group, rest["SourceSecurityGroupId"]!.ToJsonString(), StringComparison.Ordinal);
        var database = Assert.Single(ingress, rule => (string?)rule["Description"] == "Connector operations (snapshot signals)");
        Assert.Equal(3306, (int?)database["FromPort"]);
        // The database's group lives in the database stack: referenced across stacks, not created here.
        Assert.Contains("kcc-prod-database", database["GroupId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("MysqlSecurityGroup", database["GroupId"]!.ToJsonString(), StringComparison.Ordinal);
        var inline = View.Properties(group)["SecurityGroupEgress"]!.AsArray().Select(rule => rule!.AsObject());
        var outbound = egress.Where(rule => rule["GroupId"]!.ToJsonString().Contains(group, StringComparison.Ordinal)).Concat(inline).ToList();
        Assert.Equal([443, 3306, 8083], outbound.Select(rule => (int)rule["FromPort"]!).Order());
        Assert.Equal("0.0.0.0/0", (string?)outbound.Single(rule => (int)rule["FromPort"]! == 443)["CidrIp"]);
    }

    [Fact]
    public void Operators_get_a_policy_that_may_only_invoke_the_function()
    {
        var policy = Assert.Single(View.ResourcesOfType("AWS::IAM::ManagedPolicy"), candidate => (string?)candidate["Properties"]!["ManagedPolicyName"] == "kcc-prod-connector-operators");
        var statement = Assert.Single(TemplateView.StatementsOf(policy));

        Assert.Equal("lambda:InvokeFunction", (string?)statement["Action"]);
        Assert.Contains("OperationsHandlerFunction", statement["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("*", statement["Resource"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_may_read_the_connector_secret_and_nothing_else()
    {
        var view = Prod.View();
        var role = view.LogicalIdOf("OperationsHandlerFunctionServiceRole");
        var policy = Assert.Single(view.PoliciesOf(role));
        var actions = view.PolicyStatementsOf(role).SelectMany(TemplateView.ActionsOf).Order();

        Assert.Equal(["kms:Decrypt", "secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], actions);
        Assert.Contains("ConnectorSecret", policy.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lambda_asset_covers_the_rest_client_and_the_shared_library()
    {
        var closure = DotnetLambdaCode.ProjectClosure(RepositoryPaths.Of(ConnectorOperator.Project)).Select(directory => Path.GetRelativePath(RepositoryPaths.Root, directory));

        Assert.Equal(["lambda/ConnectRest", "lambda/ConnectorOperations", "lambda/Contracts", "lambda/CustomResources"], closure.Order(StringComparer.Ordinal));
    }
}

/// <summary>scripts/connector-ops.sh with a stand-in <c>aws</c> on PATH that records its arguments and answers.</summary>
[Trait("Category", "Unit")]
public sealed class ConnectorOpsScriptTests : IDisposable
{
    private readonly string bin = Directory.CreateTempSubdirectory("kcc-ops-").FullName;

    public ConnectorOpsScriptTests()
    {
        var aws = Path.Combine(bin, "aws");
        File.WriteAllText(aws, """
            #!/usr/bin/env bash
            echo "$*" >> "$(dirname "$0")/calls"
            if [[ "$1 $2" == "sts get-caller-identity" ]]; then echo "arn:aws:sts::111111111111:assumed-role/PlatformOperator/jane.doe"; exit 0; fi
            if [[ "$1 $2" == "lambda invoke" ]]; then
              out="${@: -1}"; answer="$(cat "$(dirname "$0")/answer")"; echo "$answer" > "$out"; echo '{"StatusCode": 200}'; exit 0
            fi
            exit 9
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(aws, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(bin, recursive: true);

    private (int ExitCode, string Output, string[] Calls) Run(string answer, params string[] arguments)
    {
        File.WriteAllText(Path.Combine(bin, "answer"), answer);
        var start = new ProcessStartInfo("bash", [RepositoryFiles.PathOf("scripts", "connector-ops.sh"), .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var calls = File.Exists(Path.Combine(bin, "calls")) ? File.ReadAllLines(Path.Combine(bin, "calls")) : [];
        return (process.ExitCode, output, calls);
    }

    private static JsonNode Payload(string call) => JsonNode.Parse(call[(call.IndexOf("--payload ", StringComparison.Ordinal) + "--payload ".Length)..call.LastIndexOf(' ')])!;

    [Fact]
    public void A_snapshot_invokes_the_environments_function_with_the_tables_and_the_callers_arn()
    {
        var (exitCode, output, calls) = Run("""{"signalId":"ops-1"}""", "--env", "prod", "snapshot", "orders", "test_db.person", "test_db.address");

        Assert.Equal(0, exitCode);
        Assert.Contains("ops-1", output, StringComparison.Ordinal);
        var invoke = Assert.Single(calls, call => call.StartsWith("lambda invoke", StringComparison.Ordinal));
        Assert.Contains($"--function-name {ConnectorOperator.FunctionNameOf("kcc-prod")} ", invoke, StringComparison.Ordinal);
        var payload = Payload(invoke);
        Assert.Equal("snapshot", (string?)payload["action"]);
        Assert.Equal("orders", (string?)payload["connector"]);
        Assert.Equal(["test_db.person", "test_db.address"], payload["tables"]!.AsArray().Select(table => (string?)table));
        Assert.Equal("arn:aws:sts::111111111111:assumed-role/PlatformOperator/jane.doe", (string?)payload["requestedBy"]);
        // The payload the script sends is one the function accepts.
        Assert.Equal("snapshot", ConnectorOperations.OperationRequest.Parse(payload.ToJsonString()).Action);
    }

    [Fact]
    public void Alter_offsets_passes_the_offsets_json_through_and_a_refusal_exits_2()
    {
        var (exitCode, _, calls) = Run("""{"refused":"connector 'orders' is RUNNING"}""", "--env", "dev", "alter-offsets", "orders", """{"offsets":[{"partition":{"server":"orders"},"offset":{"file":"mysql-bin-changelog.000050","pos":4}}]}""");

        Assert.Equal(2, exitCode);
        var payload = Payload(Assert.Single(calls, call => call.StartsWith("lambda invoke", StringComparison.Ordinal)));
        Assert.Equal("alter-offsets", (string?)payload["action"]);
        Assert.Equal(4, (int?)payload["offsets"]!["offsets"]![0]!["offset"]!["pos"]);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("offsets orders")]
    public void Commands_map_to_the_functions_actions(string command)
    {
        var (exitCode, _, calls) = Run("{}", ["--env", "dev", .. command.Split(' ')]);

        Assert.Equal(0, exitCode);
        var action = (string?)Payload(Assert.Single(calls, call => call.StartsWith("lambda invoke", StringComparison.Ordinal)))["action"];
        Assert.Contains(action, ConnectorOperations.Actions.All);
    }
}
