using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class EksAddOnVersionTests(SynthesizedPlatform platform)
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_add_on_is_pinned_to_the_version_listed_for_the_cluster_kubernetes_version(string environment)
    {
        var template = platform.TemplateOf(platform.Environment(environment).Connect);
        var addOns = template.PropertiesOfType("AWS::EKS::Addon");

        Assert.Equal(EksAddOnVersions.AddOns.Count, addOns.Count);
        Assert.All(addOns, addOn => Assert.Equal(
            EksAddOnVersions.ByKubernetesVersion["1.35"][(string)addOn["AddonName"]!],
            (string?)addOn["AddonVersion"]));
    }

    [Fact]
    public void Every_supported_kubernetes_version_pins_every_add_on_to_an_eks_build() =>
        Assert.All(KubernetesVersions.Supported, version => Assert.All(EksAddOnVersions.AddOns, addOn =>
            Assert.Matches(@"^v[0-9]+\.[0-9]+\.[0-9]+-eksbuild\.[0-9]+$", EksAddOnVersions.For(version, addOn) ?? "")));

    [Fact]
    public void The_container_insights_pin_matches_the_chart_whose_requests_the_capacity_rule_counts()
    {
        // Add-on vX.Y.Z-eksbuild.N ships chart X.Y.Z of aws-observability/helm-charts; NodeCapacity cites 5.3.1's values.
        var chart = EksAddOnVersions.For("1.35", EksAddOnVersions.CloudWatchObservability)![1..].Split('-')[0];
        Assert.All(NodeCapacity.PerNodePods.Concat(NodeCapacity.SystemClusterPods).Where(pod => pod.Source.Contains("amazon-cloudwatch-observability", StringComparison.Ordinal)),
            pod => Assert.Contains($"({chart})", pod.Source, StringComparison.Ordinal));
    }
}
