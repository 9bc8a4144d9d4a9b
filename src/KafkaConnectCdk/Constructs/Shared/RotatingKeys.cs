using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace KafkaConnectCdk.Constructs.Shared;

/// <summary>The customer-managed keys of the platform: rotating, and usable by CloudWatch Logs where logs are encrypted.</summary>
public static class RotatingKeys
{
    public static Key Create(Construct scope, string id, string description, RemovalPolicy removalPolicy, bool encryptsLogs = false)
    {
        var key = new Key(scope, id, new KeyProps { Description = description, EnableKeyRotation = true, RemovalPolicy = removalPolicy });
        if (encryptsLogs)
        {
            // CloudWatch Logs encrypts the log groups' data with the key on the account's behalf.
            key.GrantEncryptDecrypt(new ServicePrincipal($"logs.{Stack.Of(scope).Region}.amazonaws.com"));
        }

        return key;
    }
}
