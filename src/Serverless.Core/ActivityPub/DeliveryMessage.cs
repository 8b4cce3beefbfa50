namespace Serverless.Core.ActivityPub;

/// <summary>
/// A delivery-queue message: <see cref="FanOut"/> sends <see cref="Activity"/> to every follower's shared inbox (a
/// message each); <see cref="Deliver"/> POSTs it, signed, to <see cref="Inbox"/>, attempt <see cref="Attempt"/> (from 1).
/// </summary>
public sealed record DeliveryMessage(string Kind, string Activity, string? Inbox = null, int Attempt = 1)
{
    public const string FanOut = "fanout";
    public const string Deliver = "deliver";

    /// <summary>Why a delivery was given up (in the poison queue only).</summary>
    public string? Failure { get; init; }
}
