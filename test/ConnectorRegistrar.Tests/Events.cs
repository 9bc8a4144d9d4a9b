namespace ConnectorRegistrar.Tests;

/// <summary>Real-shaped CloudFormation custom-resource events (Provider framework), pointed at a fake Connect.</summary>
public static class Events
{
    public static string Read(string name, Uri connectUrl) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", $"{name}.json")).Replace("http://connect.invalid:8083/", connectUrl.ToString(), StringComparison.Ordinal);

    public static CustomResourceEvent Parse(string name, Uri connectUrl) => CustomResourceEventParser.Parse(Read(name, connectUrl));
}
