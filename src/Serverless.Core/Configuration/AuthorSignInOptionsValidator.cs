using Microsoft.Extensions.Options;

namespace Serverless.Core.Configuration;

/// <summary>Checks <see cref="AuthorSignInOptions"/> at start-up: signing in with Entra ID needs the role authors hold.</summary>
public sealed class AuthorSignInOptionsValidator : IValidateOptions<AuthorSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthorSignInOptions options) =>
        options.AppServiceAuthentication && string.IsNullOrWhiteSpace(options.RequiredRole)
            ? ValidateOptionsResult.Fail($"Setting '{AuthorSignInOptions.SectionName}:RequiredRole' (environment variable {AuthorSignInOptions.SectionName}__RequiredRole) is empty while App Service Authentication is on: set it to the app role authors are assigned in Entra ID, e.g. Serverless.Author.")
            : ValidateOptionsResult.Success;
}
