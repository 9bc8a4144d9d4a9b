using Amazon.CDK;
using Cdklabs.CdkNag;
using Constructs;

namespace KafkaConnectCdk.Compliance;

/// <summary>The one place that registers cdk-nag's rule packs.</summary>
public static class NagCompliance
{
    /// <summary>
    /// Runs the AWS Solutions pack over every construct below <paramref name="scope"/>; findings become errors and
    /// warnings on the constructs, and a CSV report per stack lands in cdk.out.
    /// </summary>
    public static void Apply(IConstruct scope) =>
        Aspects.Of(scope).Add(new AwsSolutionsChecks(new NagPackProps { Reports = true, Verbose = true }));
}
