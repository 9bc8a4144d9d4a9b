using System.Text.Json.Nodes;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>The template helpers answer from the template, on a small synthetic one.</summary>
[Trait("Category", "Unit")]
public sealed class TemplateViewTests
{
    private static TemplateView View() => new(JsonNode.Parse("""
        {
          "Resources": {
            "WorkerRole4DAC12AE": { "Type": "AWS::IAM::Role", "Properties": {} },
            "WorkerRoleDefaultPolicy6443E39C": { "Type": "AWS::IAM::Policy", "Properties": {
              "Roles": [ { "Ref": "WorkerRole4DAC12AE" } ],
              "PolicyDocument": { "Statement": [ { "Action": "kafka-cluster:Connect", "Resource": "*" }, { "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["a", "b"] } ] } } },
            "OtherRoleDefaultPolicy11111111": { "Type": "AWS::IAM::Policy", "Properties": {
              "Roles": [ { "Ref": "OtherRole22222222" } ],
              "PolicyDocument": { "Statement": [ { "Action": "iam:PassRole", "Resource": "*" } ] } } },
            "ManifestNamespace33333333": { "Type": "Custom::AWSCDK-EKS-KubernetesResource", "Properties": {
              "Manifest": "[{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"kafka-connect\"}}]" } },
            "ManifestService44444444": { "Type": "Custom::AWSCDK-EKS-KubernetesResource", "Properties": {
              "Manifest": { "Fn::Join": [ "", [ "[{\"kind\":\"Service\",\"metadata\":{\"name\":\"rest\",\"namespace\":\"kafka-connect\",\"annotations\":{\"sg\":\"", { "Fn::GetAtt": [ "Sg", "GroupId" ] }, "\"}}}]" ] ] } } }
          }
        }
        """)!.AsObject());

    [Fact]
    public void A_construct_path_names_its_resource_and_not_a_longer_one() =>
        Assert.Equal("WorkerRole4DAC12AE", View().LogicalIdOf("WorkerRole"));

    [Fact]
    public void The_statements_of_a_role_come_from_the_policies_that_reference_it()
    {
        var view = View();
        var statements = view.PolicyStatementsOf("WorkerRole4DAC12AE");

        Assert.Equal(["kafka-cluster:Connect", "s3:GetObject", "s3:PutObject"], statements.SelectMany(TemplateView.ActionsOf));
        Assert.Equal(["\"a\"", "\"b\""], TemplateView.ResourcesOf(statements[1]));
        Assert.Equal("WorkerRoleDefaultPolicy6443E39C", view.LogicalIdsOfType("AWS::IAM::Policy").Single(id => view.Resource(id) == Assert.Single(view.PoliciesOf("WorkerRole4DAC12AE"))));
    }

    [Fact]
    public void Applied_objects_are_read_from_plain_and_joined_manifests_with_their_resource()
    {
        var view = View();

        Assert.Equal(["Namespace", "Service"], view.AppliedObjects.Select(applied => applied.Kind));
        var service = view.Applied("service", "rest", "kafka-connect");
        Assert.Equal("ManifestService44444444", service.LogicalId);
        Assert.Equal("${Fn::GetAtt: [Sg, GroupId]}", (string?)service.Object.At("metadata", "annotations", "sg"));
        Assert.Equal("ManifestNamespace33333333", view.Applied("Namespace").LogicalId);
    }

    [Fact]
    public void A_missing_step_of_a_path_is_named_with_what_is_there()
    {
        var error = Assert.Throws<Xunit.Sdk.XunitException>(() => View().Json.At("Resources", "WorkerRole4DAC12AE", "Properties", "Path"));

        Assert.Contains("No Resources.WorkerRole4DAC12AE.Properties.Path", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resources.WorkerRole4DAC12AE.Properties has the keys []", error.Message, StringComparison.Ordinal);
    }
}
