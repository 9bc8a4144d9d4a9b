using Amazon.CDK;

namespace KafkaConnectCdk.Platform;

/// <summary>
/// What deleting a stack does to the data it holds, decided once per environment: production keeps its data, the keys
/// that decrypt it and a final database snapshot, and refuses to delete the database; other environments are torn
/// down with their stacks.
/// </summary>
public sealed record StatefulRemovalPolicies(RemovalPolicy Data, RemovalPolicy DatabaseInstance, bool DatabaseDeletionProtection)
{
    public static readonly StatefulRemovalPolicies Production = new(RemovalPolicy.RETAIN, RemovalPolicy.SNAPSHOT, DatabaseDeletionProtection: true);

    public static readonly StatefulRemovalPolicies Disposable = new(RemovalPolicy.DESTROY, RemovalPolicy.DESTROY, DatabaseDeletionProtection: false);

    public static StatefulRemovalPolicies For(bool production) => production ? Production : Disposable;

    /// <summary>Automated backups outlive the instance exactly when the data does.</summary>
    public bool KeepsAutomatedBackups => Data == RemovalPolicy.RETAIN;
}
