using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Serverless.LocalServer.Hosting;

/// <summary>The <c>Admin</c> settings of the local server.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The admin API's key (environment variable <c>Admin__Key</c>); when unset, one is generated at each start.</summary>
    public string? Key { get; set; }
}

/// <summary>A configured key must be one nobody guesses: the generated ones are 43 characters.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        options.Key is null || options.Key.Length >= MinKeyLength && !options.Key.Any(character => char.IsWhiteSpace(character) || char.IsControl(character))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting '{AdminOptions.SectionName}:Key' (environment variable {AdminOptions.SectionName}__Key) must be at least {MinKeyLength} characters without spaces, or unset to have one generated at start-up.");
}

/// <summary>
/// The local server's admin key, checked the way the Functions host checks a function key: the <c>x-functions-key</c>
/// header or the <c>code</c> query parameter. The configured key, or 32 random bytes (base64url) for this run.
/// </summary>
public sealed class AdminKey(IOptions<AdminOptions> options)
{
    public const string Header = "x-functions-key";
    public const string QueryParameter = "code";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.Key ?? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    public string Value => Encoding.UTF8.GetString(_key);

    public bool IsConfigured { get; } = options.Value.Key is not null;

    /// <summary>In constant time, so that timing tells nothing about how much of a wrong key was right.</summary>
    public bool Accepts(HttpRequest request) =>
        IsKey(request.Headers[Header].ToString() is { Length: > 0 } header ? header : request.Query[QueryParameter].ToString());

    /// <inheritdoc cref="Accepts"/>
    public bool IsKey(string presented) => presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);

    /// <summary>A secret of its own for <paramref name="purpose"/>, derived from the key: changing the key revokes what it signed.</summary>
    public byte[] DeriveSecret(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes(purpose));
}
