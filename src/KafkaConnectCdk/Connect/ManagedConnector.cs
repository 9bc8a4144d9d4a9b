using System.Globalization;
using KafkaConnectCdk.Contracts;

namespace KafkaConnectCdk.Connect;

/// <summary>Whether a connector captures the database or lands its changes in the lakehouse.</summary>
public enum ConnectorRole
{
    Source,
    Sink,
}

/// <summary>
/// A connector the platform registers and heals, source or sink alike: its Kafka Connect name, class and task count,
/// its other settings, and a hash of its definition that changes whenever it does.
/// </summary>
public sealed record ManagedConnector
{
    public ManagedConnector(string name, ConnectorRole role, string connectorClass, int tasksMax, IReadOnlyDictionary<string, string> settings, string definitionHash)
    {
        if (settings.ContainsKey(ConnectorConfigKeys.ConnectorClass) || settings.ContainsKey(ConnectorConfigKeys.TasksMax))
        {
            throw new ArgumentException($"Connector {name}: the class and the task count are typed, not settings.", nameof(settings));
        }

        Name = name;
        Role = role;
        ConnectorClass = connectorClass;
        TasksMax = tasksMax;
        Settings = new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal);
        DefinitionHash = definitionHash;
    }

    public string Name { get; }

    public ConnectorRole Role { get; }

    public string ConnectorClass { get; }

    public int TasksMax { get; }

    /// <summary>Every other key of the connector's configuration, in ordinal order.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public string DefinitionHash { get; }

    /// <summary>Kafka Connect's flat configuration: the settings with the task count, without the class.</summary>
    public IReadOnlyDictionary<string, string> SettingsWithTasks =>
        new SortedDictionary<string, string>(Settings.ToDictionary(), StringComparer.Ordinal) { [ConnectorConfigKeys.TasksMax] = TasksMax.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Kafka Connect's whole flat configuration, as its REST API takes it: the settings, the class and the task count.</summary>
    public IReadOnlyDictionary<string, string> Config =>
        new SortedDictionary<string, string>(SettingsWithTasks.ToDictionary(), StringComparer.Ordinal) { [ConnectorConfigKeys.ConnectorClass] = ConnectorClass };
}
