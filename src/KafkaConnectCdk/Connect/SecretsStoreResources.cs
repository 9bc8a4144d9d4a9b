using System.Text.Json.Serialization;
using KafkaConnectCdk.Connect.Strimzi;

namespace KafkaConnectCdk.Connect;

// The Secrets Store CSI driver's secrets-store.csi.x-k8s.io/v1 SecretProviderClass (kubernetes-sigs/secrets-store-csi-driver
// charts/secrets-store-csi-driver/crds/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml@v1.6.0). Only the fields this
// app sets are modelled: spec.secretObjects is left out on purpose, since it would sync the mounted password into a
// Kubernetes Secret.

public sealed record SecretProviderClassResource(ObjectMeta Metadata, SecretProviderClassSpec Spec)
{
    // Ahead of metadata and spec, as the manifests always had them.
    [JsonPropertyOrder(-2)]
    public string ApiVersion => "secrets-store.csi.x-k8s.io/v1";

    [JsonPropertyOrder(-1)]
    public string Kind => "SecretProviderClass";
}

/// <param name="Provider">The provider plugin that fetches the objects (the AWS provider answers to "aws").</param>
/// <param name="Parameters">The provider's own settings; the CRD allows only string values.</param>
public sealed record SecretProviderClassSpec(string Provider, IReadOnlyDictionary<string, string> Parameters);
