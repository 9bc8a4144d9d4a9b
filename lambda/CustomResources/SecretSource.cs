using System.Text.Json.Nodes;

namespace CustomResources;

public sealed record DatabaseCredentials(string Username, string Password);

public interface ISecretSource
{
    Task<DatabaseCredentials> GetAsync(string secretArn, CancellationToken cancellation);
}

/// <summary>
/// Reads a secret through the AWS Parameters and Secrets Lambda Extension on localhost (no AWS SDK needed): the
/// extension caches it and authenticates with the function's session token.
/// </summary>
public sealed class ParametersAndSecretsExtension(HttpClient http) : ISecretSource
{
    public const int DefaultPort = 2773;

    public async Task<DatabaseCredentials> GetAsync(string secretArn, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/secretsmanager/get?secretId={Uri.EscapeDataString(secretArn)}");
        request.Headers.Add("X-Aws-Parameters-Secrets-Token", Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        using var response = await http.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"reading secret {secretArn} through the Parameters and Secrets extension failed with {(int)response.StatusCode}");
        }

        var secretString = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation))?["SecretString"]
            ?? throw new InvalidOperationException($"secret {secretArn} has no SecretString");
        var secret = JsonNode.Parse(secretString)!;
        return new DatabaseCredentials(
            (string?)secret["username"] ?? throw new InvalidOperationException($"secret {secretArn} has no username"),
            (string?)secret["password"] ?? throw new InvalidOperationException($"secret {secretArn} has no password"));
    }
}
