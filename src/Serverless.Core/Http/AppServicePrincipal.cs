using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Serverless.Core.Http;

/// <summary>
/// Who App Service Authentication signed in, as it passes them to the app: <c>X-MS-CLIENT-PRINCIPAL</c>, base64 JSON
/// of the token's claims with the claim types that carry the name and the roles
/// (learn.microsoft.com/azure/app-service/configure-authentication-user-identities).
/// </summary>
public sealed record AppServicePrincipal(string Name, IReadOnlyList<string> Roles)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The principal of the request, or null when it has none or one that does not decode.</summary>
    public static AppServicePrincipal? Of(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is not { Length: > 0 } encoded)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            var root = json.RootElement;
            var nameType = StringOf(root, "name_typ") ?? "name";
            // Entra ID v2 tokens carry app roles in "roles"; the principal names the type it used.
            var roleType = StringOf(root, "role_typ") ?? "roles";
            var claims = root.TryGetProperty("claims", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(claim => claim.ValueKind == JsonValueKind.Object)
                    .Select(claim => new KeyValuePair<string, string>(StringOf(claim, "typ") ?? string.Empty, StringOf(claim, "val") ?? string.Empty)).ToList()
                : [];
            var name = claims.FirstOrDefault(claim => claim.Key == nameType).Value ?? request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].ToString();
            var roles = claims.Where(claim => claim.Key == roleType || claim.Key == "roles").Select(claim => claim.Value).Distinct(StringComparer.Ordinal).ToList();
            return new AppServicePrincipal(name, roles);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
