using System.Text.Json;
using Constructs;

namespace KafkaConnectCdk.Configuration;

/// <summary>The validated configuration and the environments this synthesis builds.</summary>
public sealed record LoadedConfiguration(PlatformConfig Platform, IReadOnlyList<EnvironmentConfig> SelectedEnvironments, string Delivery = DeliveryModes.Direct);
