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

        try
        {
            app.Synth();
        }
        catch (Amazon.JSII.Runtime.JsiiError exception) when (exception.Message.Contains("Validation failed", StringComparison.Ordinal))
        {
            // A policy validation plugin (Control Tower) found a production violation without an exception; CDK printed
            // the report (rule, resource, fix) above. Say so once, without the runtime's stack trace.
            Console.Error.WriteLine($"[compliance] {exception.Message.Split('\n')[0]}");
            Console.Error.WriteLine("[compliance] fix each production violation above, or acknowledge it with a reason in src/KafkaConnectCdk/Compliance/ControlTowerExceptions.cs.");
            return 1;
        }

        return 0;
    }
}
