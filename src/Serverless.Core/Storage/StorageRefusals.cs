using Azure;

namespace Serverless.Core.Storage;

/// <summary>
/// Storage answers that no retry changes: the request itself is refused (400 Bad Request, 413 Request Entity Too
/// Large), as for a value over a property's limit. Retrying them would end in the poison queue with nobody told; they
/// end as a status that says what to change instead, and the version published before stays served.
/// </summary>
public static class StorageRefusals
{
    public static bool IsRefusal(RequestFailedException exception) => exception.Status is 400 or 413;

    /// <summary>What the author reads: the storage error's code, and what usually causes it.</summary>
    public static string Message(RequestFailedException exception, string what) =>
        $"Storage refused to save {what} ({exception.Status} {exception.ErrorCode ?? "Bad Request"}): it holds more than a stored record can " +
        "(usually thousands of links, tags or images, or a single very long one). Split the article or shorten what it lists, then upload it again; " +
        "the version published before stays served.";
}
