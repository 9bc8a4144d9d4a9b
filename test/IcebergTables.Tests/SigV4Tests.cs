using System.Security.Cryptography;
using System.Text;

namespace IcebergTableSync.Tests;

/// <summary>
/// Pinned to AWS's published worked example, "Example: GET Object" of
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html (credentials AKIAIOSFODNN7EXAMPLE /
/// wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, us-east-1, s3, 20130524T000000Z): the page gives the canonical request,
/// the hash of it inside the string to sign, and the signature.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SigV4Tests
{
    private const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly DateTime SignedAt = new(2013, 5, 24, 0, 0, 0, DateTimeKind.Utc);
    private static readonly SigningCredentials Example = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);

    private static IReadOnlyList<(string Name, string Value)> ExampleHeaders => SigV4.CanonicalHeaders(
    [
        ("Host", "examplebucket.s3.amazonaws.com"),
        ("Range", "bytes=0-9"),
        ("x-amz-content-sha256", EmptyBodyHash),
        ("x-amz-date", "20130524T000000Z"),
    ]);

    [Fact]
    public void The_canonical_request_is_the_documented_one()
    {
        var canonical = SigV4.CanonicalRequest("GET", "/test.txt", "", ExampleHeaders, SigV4.PayloadHash([]));

        Assert.Equal(
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:" + EmptyBodyHash +
            "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" + EmptyBodyHash,
            canonical);
        Assert.Equal("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972", SigV4.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
    }

    [Fact]
    public void The_authorization_carries_the_documented_signature()
    {
        var canonical = SigV4.CanonicalRequest("GET", "/test.txt", "", ExampleHeaders, EmptyBodyHash);

        var authorization = SigV4.Authorization(Example, "us-east-1", "s3", SignedAt, ExampleHeaders, canonical);

        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,", authorization, StringComparison.Ordinal);
        Assert.EndsWith("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", authorization, StringComparison.Ordinal);
    }

    /// <summary>
    /// The POST this function sends, pinned to the "post-x-www-form-urlencoded" vector of AWS's 2015 Signature Version 4
    /// test suite, as aws/aws-sdk-js-v3 packages/signature-v4/src/suite.fixture.ts carries it (credentials AKIDEXAMPLE /
    /// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, us-east-1, service "service", 20150830T123600Z, body "Param1=value1",
    /// signed headers content-type;host;x-amz-date; aws-c-auth's later copy of the vector also signs content-length).
    /// It anchors SignPost (host and date added, body hashed) and so the fake servers' check, which signs with it too.
    /// </summary>
    [Fact]
    public void A_post_with_a_body_carries_the_test_suites_signature()
    {
        var headers = new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded" };
        var suite = new SigningCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

        var authorization = SigV4.SignPost(new Uri("https://example.amazonaws.com/"), headers, Encoding.UTF8.GetBytes("Param1=value1"), suite,
            "us-east-1", "service", new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc));

        Assert.Equal("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e", SigV4.PayloadHash(Encoding.UTF8.GetBytes("Param1=value1")));
        Assert.Equal("20150830T123600Z", headers["x-amz-date"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date,", authorization, StringComparison.Ordinal);
        Assert.EndsWith("Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_values_are_trimmed_and_inner_blanks_collapsed()
    {
        // The canonical headers step of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html:
        // lowercase names, sorted, values trimmed with sequential spaces converted to one.
        var headers = SigV4.CanonicalHeaders([("X-Amz-Target", "  AWSGlue.GetTable "), ("Content-Type", "a   b")]);

        Assert.Equal([("content-type", "a b"), ("x-amz-target", "AWSGlue.GetTable")], headers);
    }

    [Fact]
    public void A_session_token_is_sent_and_signed()
    {
        var headers = new Dictionary<string, string> { ["content-type"] = "application/x-amz-json-1.1" };

        var authorization = SigV4.SignPost(new Uri("https://glue.eu-west-1.amazonaws.com"), headers, [], Example with { SessionToken = "token" }, "eu-west-1", "glue", SignedAt);

        Assert.Equal("token", headers["x-amz-security-token"]);
        Assert.Equal("20130524T000000Z", headers["x-amz-date"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", authorization, StringComparison.Ordinal);
        Assert.Contains("/20130524/eu-west-1/glue/aws4_request", authorization, StringComparison.Ordinal);
    }
}
