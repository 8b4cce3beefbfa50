namespace Serverless.Core.Storage;

/// <summary>
/// A blob that storage fails to list: a listing page holding it is answered with an error (Azurite answers 500 for a
/// name with a control character), so the pages around it are read without it.
/// </summary>
/// <param name="After">The last name listed before it; null at the start of the container.</param>
/// <param name="Name">Its name, found by probing; null when no single name explains the failure, and then nothing after <paramref name="After"/> could be listed.</param>
/// <param name="Reason">The error storage answered with.</param>
public sealed record UnlistableBlob(string? After, string? Name, string Reason);
