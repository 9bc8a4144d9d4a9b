using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace IcebergTableSync;

/// <summary>Credentials to sign with: the function role's temporary keys come with a session token.</summary>
public sealed record SigningCredentials(string AccessKey, string SecretKey, string? SessionToken);

/// <summary>
/// Signature Version 4 for the JSON requests of this function
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html). The canonical request
/// is built here, for the only request shape this function sends (POST /, no query, a JSON body); the string to sign,
/// the signing key and the signature are AWSSDK.Core's own (<see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>).
/// </summary>
public static class SigV4
{
    public const string DateHeader = "x-amz-date";
    public const string SecurityTokenHeader = "x-amz-security-token";

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string PayloadHash(byte[] body) => Hex(SHA256.HashData(body));

    public static string Timestamp(DateTime signedAt) => signedAt.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Header names lowercased and sorted, values trimmed with inner runs of blanks collapsed, as the canonical form asks.</summary>
    public static IReadOnlyList<(string Name, string Value)> CanonicalHeaders(IEnumerable<(string Name, string Value)> headers) =>
        [.. headers
            .Select(header => (Name: header.Name.ToLowerInvariant(), Value: string.Join(' ', header.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))))
            .OrderBy(header => header.Name, StringComparer.Ordinal)];

    public static string SignedHeaders(IReadOnlyList<(string Name, string Value)> canonicalHeaders) =>
        string.Join(';', canonicalHeaders.Select(header => header.Name));

    /// <summary>
    /// Method, URI path, query, canonical headers (each <c>name:value\n</c>), signed headers, payload hash, joined by newlines.
    /// The path must already be URI-encoded; the query already sorted and encoded (this function sends none).
    /// </summary>
    public static string CanonicalRequest(string method, string path, string query, IReadOnlyList<(string Name, string Value)> canonicalHeaders, string payloadHash) =>
        new StringBuilder()
            .Append(method).Append('\n')
            .Append(path).Append('\n')
            .Append(query).Append('\n')
            .AppendJoin("", canonicalHeaders.Select(header => $"{header.Name}:{header.Value}\n")).Append('\n')
            .Append(SignedHeaders(canonicalHeaders)).Append('\n')
            .Append(payloadHash)
            .ToString();

    /// <summary>The Authorization header's value for a canonical request (AWSSDK.Core computes the signature).</summary>
    public static string Authorization(SigningCredentials credentials, string region, string service, DateTime signedAt, IReadOnlyList<(string Name, string Value)> canonicalHeaders, string canonicalRequest)
    {
        var result = AWS4Signer.ComputeSignature(
            new ImmutableCredentials(credentials.AccessKey, credentials.SecretKey, credentials.SessionToken),
            region, signedAt.ToUniversalTime(), service, SignedHeaders(canonicalHeaders), canonicalRequest);
        return result.ForAuthorizationHeader;
    }

    /// <summary>
    /// Signs a POST of <paramref name="body"/> to <paramref name="endpoint"/>'s root: adds x-amz-date (and the session
    /// token) to <paramref name="headers"/>, signs host, content-type, x-amz-target and those, and returns the Authorization value.
    /// </summary>
    public static string SignPost(Uri endpoint, IDictionary<string, string> headers, byte[] body, SigningCredentials credentials, string region, string service, DateTime signedAt)
    {
        headers[DateHeader] = Timestamp(signedAt);
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            headers[SecurityTokenHeader] = credentials.SessionToken;
        }

        var canonical = CanonicalHeaders(headers.Select(pair => (pair.Key, pair.Value)).Append(("host", endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}")));
        var request = CanonicalRequest("POST", "/", "", canonical, PayloadHash(body));
        return Authorization(credentials, region, service, signedAt, canonical, request);
    }
}
