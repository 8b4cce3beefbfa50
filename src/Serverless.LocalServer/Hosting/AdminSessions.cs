using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.LocalServer.Hosting;

/// <summary>
/// Browser sessions of the local server's author pages, so that the admin key never goes in a URL (URLs end up in
/// logs and history): signing in with the key sets an <c>HttpOnly</c>, <c>SameSite=Strict</c> cookie that this class
/// signs and checks. Stateless: the cookie holds its expiry and a random id, signed with a secret derived from the
/// admin key (a new key ends every session). Each session has its CSRF token, derived from it, which pages put in
/// their forms and state-changing requests must send back.
/// </summary>
public sealed class AdminSessions(AdminKey key, TimeProvider time)
{
    public const string CookieName = "serverless-admin";

    /// <summary>The form field, or header, that carries the CSRF token.</summary>
    public const string CsrfField = "csrf", CsrfHeader = "X-CSRF-Token";

    /// <summary>A working day: long enough for an editing session, short enough that a forgotten browser signs itself out.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const int IdBytes = 16;

    private readonly byte[] _secret = key.DeriveSecret("serverless admin session");

    /// <summary>Signs the caller in: the cookie is set on the response.</summary>
    public void SignIn(HttpContext context)
    {
        var payload = new byte[sizeof(long) + IdBytes];
        BinaryPrimitives.WriteInt64BigEndian(payload, time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(payload.AsSpan(sizeof(long)));
        context.Response.Cookies.Append(CookieName, Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign("session", payload)), Options(context));
    }

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options(context));

    /// <summary>The session the request's cookie proves, with its CSRF token; null when there is none, it is forged or expired.</summary>
    public string? CsrfTokenOf(HttpRequest request)
    {
        if (request.Cookies[CookieName] is not { } cookie || cookie.Split('.') is not [var payloadText, var signatureText]
            || !Base64Url.IsValid(payloadText) || !Base64Url.IsValid(signatureText))
        {
            return null;
        }
        var payload = Base64Url.DecodeFromChars(payloadText);
        if (payload.Length != sizeof(long) + IdBytes || !CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(signatureText), Sign("session", payload)))
        {
            return null;
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload));
        return expires > time.GetUtcNow() ? Base64Url.EncodeToString(Sign("csrf", payload)) : null;
    }

    /// <summary>Whether a state-changing request sends the session's CSRF token back, in the form or the header.</summary>
    public static async Task<bool> CarriesCsrfTokenAsync(HttpRequest request, string token)
    {
        var presented = request.Headers[CsrfHeader].ToString();
        if (presented.Length == 0 && request.HasFormContentType)
        {
            presented = (await request.ReadFormAsync(request.HttpContext.RequestAborted))[CsrfField].ToString();
        }
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(token));
    }

    private byte[] Sign(string purpose, byte[] payload) => HMACSHA256.HashData(_secret, (byte[])[.. Encoding.ASCII.GetBytes(purpose), .. payload]);

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
