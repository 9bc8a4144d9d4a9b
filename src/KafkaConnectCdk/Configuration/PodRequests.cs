using System.Globalization;

namespace KafkaConnectCdk.Configuration;

/// <summary>What one pod asks the scheduler for (its containers' requests), how many run, and where that figure comes from.</summary>
public sealed record PodRequests(string Name, int CpuMillicores, int MemoryMiB, int Replicas, string Source);
