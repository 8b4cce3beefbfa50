using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Configuration;

/// <summary>
/// Stops start-up when a flat binding setting and its <c>Storage:</c> twin name different things: the trigger would
/// watch one queue while the core writes to the other.
/// </summary>
public sealed class BindingSettingsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        foreach (var setting in BindingSettings.All)
        {
            var nested = configuration[$"{StorageOptions.SectionName}:{setting.StorageProperty}"];
            var flat = configuration[setting.Name];
            if (!string.IsNullOrEmpty(nested) && !string.IsNullOrEmpty(flat) && !string.Equals(nested, flat, StringComparison.Ordinal))
            {
                failures.Add($"Setting '{setting.Name}' is '{flat}' but '{StorageOptions.SectionName}:{setting.StorageProperty}' is '{nested}': "
                    + $"the trigger reads {setting.Name}; set only that one.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
