using Amazon.CDK;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk;

public static class Program
{
    public static int Main()
    {
        var app = new App();
        try
        {
            PlatformApp.Compose(app, PlatformConfigLoader.FromContext(app.Node));
        }
        catch (ConfigurationException exception)
        {
            // A configuration mistake is the user's to fix: say what and where, without a stack trace.
            Console.Error.WriteLine(exception.Message);
            return 1;
        }

        app.Synth();
        return 0;
    }
}
