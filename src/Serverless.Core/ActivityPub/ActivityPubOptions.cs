using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// The site's ActivityPub actor, bound from the <c>ActivityPub</c> configuration section: off until its key is
/// configured (<see cref="PrivateKeyFile"/>).
/// </summary>
public sealed class ActivityPubOptions : IValidatableObject
{
    public const string SectionName = "ActivityPub";

    /// <summary>The actor's name: readers follow <c>@{ActorName}@{host}</c> (<c>ActivityPub:ActorName</c>, default <c>news</c>).</summary>
    [RegularExpression("^[a-z0-9_]{1,30}$", ErrorMessage = "ActivityPub:ActorName (ActivityPub__ActorName) must be 1 to 30 lower-case letters, digits or underscores.")]
    public string ActorName { get; set; } = "news";

    /// <summary>
    /// The actor's RSA private key, a PKCS#8 PEM file outside the repository (<c>ActivityPub:PrivateKeyFile</c>): made
    /// (RSA 2048) on first start when missing. On Azure the app setting is a Key Vault reference to the secret the Bicep
    /// keeps (<see cref="PrivateKeyPem"/>) instead. Neither set: ActivityPub is off.
    /// </summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>
    /// The key itself, PEM (<c>ActivityPub:PrivateKeyPem</c>): on Azure a Key Vault reference
    /// (<c>@Microsoft.KeyVault(SecretUri=…)</c>) that the platform resolves with the app's identity, so that the key
    /// never sits in the app settings.
    /// </summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Deliveries tried before one is recorded as failed (<c>ActivityPub:DeliveryAttempts</c>), waiting twice as long each time from 30 s.</summary>
    [Range(1, 12, ErrorMessage = "ActivityPub:DeliveryAttempts (ActivityPub__DeliveryAttempts) must be between 1 and 12.")]
    public int DeliveryAttempts { get; set; } = 8;

    /// <summary>The first wait before a failed delivery is tried again; doubled each time.</summary>
    [Range(0, 3600, ErrorMessage = "ActivityPub:DeliveryBackoffSeconds (ActivityPub__DeliveryBackoffSeconds) must be between 0 and 3600.")]
    public int DeliveryBackoffSeconds { get; set; } = 30;

    /// <summary>
    /// Let ActivityPub requests (key fetches, deliveries) reach loopback and private addresses
    /// (<c>ActivityPub:AllowPrivateAddresses</c>): for a test network or a local server talking to local peers only.
    /// Off, anyone could make the app request its own network through a signature's key or a follower's inbox.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Show replies from the fediverse on article pages as reactions (<c>ActivityPub:ShowReplies</c>, off by default):
    /// the newest <see cref="RepliesShown"/>, each its author linked to their actor, its text cut down to paragraphs,
    /// line breaks and links, and its date. Off, replies are only counted.
    /// </summary>
    public bool ShowReplies { get; set; }

    /// <summary>Replies a page shows at most, newest first; the page counts the others (<c>ActivityPub:RepliesShown</c>).</summary>
    [Range(1, 200, ErrorMessage = "ActivityPub:RepliesShown (ActivityPub__RepliesShown) must be between 1 and 200.")]
    public int RepliesShown { get; set; } = 20;

    public bool Enabled => !string.IsNullOrWhiteSpace(PrivateKeyFile) || !string.IsNullOrWhiteSpace(PrivateKeyPem);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ShowReplies && !Enabled)
        {
            yield return new ValidationResult("ActivityPub:ShowReplies (ActivityPub__ShowReplies) needs ActivityPub on: set ActivityPub__PrivateKeyFile or ActivityPub__PrivateKeyPem.",
                [nameof(ShowReplies)]);
        }
    }
}
