using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Cdklabs.CdkValidatorCfnGuard;
using Constructs;

namespace KafkaConnectCdk.Compliance;

/// <summary>
/// The one place that registers AWS Control Tower's proactive controls, next to cdk-nag: a CDK policy validation
/// plugin that runs the Control Tower guard rules shipped in @cdklabs/cdk-validator-cfnguard over every synthesized
/// template, nested stacks included (Control Tower's CloudFormation hook evaluates those too). A violation in a
/// production stack fails the synthesis; in other environments it is reported as a warning. Exceptions are
/// acknowledged on their constructs by <see cref="ControlTowerExceptions"/>.
/// </summary>
public static class ControlTowerCompliance
{
    /// <summary>The plugin's name: CDK namespaces its rule ids with it (control-tower::rule_name) and names its report.</summary>
    public const string PluginName = "control-tower";

    /// <summary>Registers the plugin on the app; the production templates are those of <paramref name="productionStacks"/>.</summary>
    public static void Apply(App app, IEnumerable<Stack> productionStacks) =>
        Validations.Of(app).AddPlugins(new ControlTowerValidation(productionStacks.Select(stack => stack.TemplateFile).ToHashSet(StringComparer.Ordinal)));

    /// <summary>The guard rule name of a control id, read from the rule file the plugin ships (Rule Identifier header).</summary>
    public static string RuleName(string controlId) => ControlTowerRules.ByControlId.TryGetValue(controlId, out var rule)
        ? rule
        : throw new InvalidOperationException($"{controlId} is not a Control Tower control shipped in @cdklabs/cdk-validator-cfnguard.");
}

// CfnGuardValidator 0.0.62 still implements CDK's Beta1 plugin interface (IPolicyValidationPluginBeta1), which
// aws-cdk-lib marks obsolete; this wrapper is the one place that talks to it.
#pragma warning disable CS0612, CS0618

/// <summary>The wrapper around CfnGuardValidator that decides severity by environment.</summary>
internal sealed class ControlTowerValidation(IReadOnlySet<string> productionTemplates) : DeputyBase, IPolicyValidationPlugin
{
    private readonly CfnGuardValidator guard = new(new CfnGuardValidatorProps
    {
        ControlTowerRulesEnabled = true,
        DisabledRules = [.. ControlTowerRules.RunDirectly.Select(control => control.FileName)],
    });

    public string Name => ControlTowerCompliance.PluginName;

    public string? Version => guard.Version;

    public string[]? RuleIds => guard.RuleIds;

    public IPolicyValidationPluginReport Validate(IPolicyValidationContext context)
    {
        // template path -> is production; nested stacks inherit their parent's environment. Findings are matched by
        // file name (unique in a cloud assembly), since cfn-guard reports paths in its own spelling.
        var templates = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var stack in context.StackTemplates)
        {
            var production = productionTemplates.Contains(Path.GetFileName(stack.TemplatePath));
            templates[stack.TemplatePath] = production;
            foreach (var nested in NestedTemplates(stack.TemplatePath))
            {
                templates[nested] = production;
            }
        }

        var byFileName = templates.ToDictionary(pair => Path.GetFileName(pair.Key), pair => pair.Value, StringComparer.Ordinal);
        // An unknown template counts as production: a finding is never hidden by a path mismatch.
        bool IsProduction(string templatePath) => byFileName.GetValueOrDefault(Path.GetFileName(templatePath), true);

        var report = guard.Validate(new GuardContext([.. templates.Keys], context.AppConstruct));
        var findings = report.Violations.SelectMany(violation => violation.ViolatingResources.Select(resource =>
                new GuardFinding(violation.RuleName, violation.Description, violation.Fix, resource.TemplatePath, LogicalIdOf(resource), resource.Locations)))
            .Concat(ControlTowerRules.RunDirectly.SelectMany(control => control.Run(templates.Keys)));
        var violations = new List<IPolicyViolation>();
        foreach (var group in findings.GroupBy(finding => (finding.RuleName, finding.Description, finding.Fix, Production: IsProduction(finding.TemplatePath))))
        {
            violations.Add(new PolicyViolation
            {
                RuleName = group.Key.RuleName,
                Description = group.Key.Description,
                Fix = group.Key.Fix,
                Severity = group.Key.Production ? "error" : "warning",
                ViolatingResources =
                [
                    .. group.Select(finding => new PolicyViolatingResource
                    {
                        ResourceLogicalId = finding.LogicalId,
                        Locations = finding.Locations,
                        TemplatePath = finding.TemplatePath,
                    }),
                ],
            });
        }

        return new PolicyValidationPluginReport
        {
            Success = violations.All(violation => violation.Severity != "error"),
            Violations = [.. violations],
            PluginVersion = Version,
        };
    }

    /// <summary>The plugin leaves the id undefined when a check's path is not under /Resources; keep the finding visible.</summary>
    private static string LogicalIdOf(IPolicyViolatingResourceBeta1 resource)
    {
        try
        {
            return resource.ResourceLogicalId;
        }
        catch (Amazon.JSII.Runtime.JsiiError)
        {
            return $"(no resource: {string.Join(", ", resource.Locations)})";
        }
    }

    /// <summary>
    /// The templates of the nested stacks of a stack: the files of its asset manifest (&lt;artifact&gt;.assets.json, beside
    /// the template in the cloud assembly) that are nested-stack templates. The manifest is always written, unlike the
    /// aws:asset:path metadata, which only the CDK CLI turns on.
    /// </summary>
    private static IEnumerable<string> NestedTemplates(string templatePath)
    {
        var directory = Path.GetDirectoryName(templatePath)!;
        var manifest = Path.Combine(directory, Path.GetFileName(templatePath).Replace(".template.json", ".assets.json", StringComparison.Ordinal));
        if (!File.Exists(manifest))
        {
            yield break;
        }

        foreach (var (_, asset) in JsonNode.Parse(File.ReadAllText(manifest))?["files"]?.AsObject() ?? [])
        {
            if ((string?)asset?["source"]?["path"] is { } path && path.EndsWith(".nested.template.json", StringComparison.Ordinal)
                && File.Exists(Path.Combine(directory, path)))
            {
                yield return Path.Combine(directory, path);
            }
        }
    }

    private sealed class GuardContext(string[] templatePaths, IConstruct appConstruct) : DeputyBase, IPolicyValidationContextBeta1
    {
        public string[] TemplatePaths => templatePaths;

        public IConstruct AppConstruct => appConstruct;
    }
}
#pragma warning restore CS0612, CS0618
