using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Xml;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace Serverless.Core.Storage;

/// <summary>
/// The articles container, listed page by page in name order, so that one blob storage cannot list never hides the
/// others. A page answered with an error is read again in smaller pages, down to one name; a one-name page that still
/// fails points at the next blob, whose name is then found by probing where listings start to succeed
/// (<c>startFrom</c>, inclusive: a listing from S fails exactly when S is at or before the bad name), and the listing
/// goes on just after it. Names found unlistable are remembered, so the next pass confirms them in two requests.
/// </summary>
public sealed partial class ArticlesListing(StorageClients storage, ILogger<ArticlesListing> logger)
{
    /// <summary>Names per page: the memory a pass holds at once is one page, whatever the container's size.</summary>
    public const int PageSize = 1000;

    /// <summary>Azure's longest blob name: a search past it cannot be looking at one name.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Pages shrink tenfold after a failure: from 1,000 names to one in three steps.</summary>
    private const int Narrowing = 10;

    private readonly ConcurrentDictionary<string, bool> _knownUnlistable = new(StringComparer.Ordinal);

    /// <param name="startFrom">The first name to list (inclusive), to resume an interrupted pass; null from the start.</param>
    public async IAsyncEnumerable<ContainerListingPage> ListAsync(string? startFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        string? continuation = null;
        var from = startFrom;
        var size = PageSize;
        while (true)
        {
            Page<BlobItem>? page = null;
            Exception? failure = null;
            try
            {
                page = await ReadPageAsync(from, continuation, size, cancellationToken);
            }
            catch (Exception exception) when (IsUnlistable(exception))
            {
                failure = exception;
            }
            if (page is null)
            {
                if (size > 1)
                {
                    size = Math.Max(1, size / Narrowing);
                    continue;
                }
                var name = await FindUnlistableAsync(after, cancellationToken);
                var unlistable = new UnlistableBlob(after, name, Describe(failure!));
                LogUnlistable(after, name, unlistable.Reason);
                yield return new ContainerListingPage([], unlistable);
                if (name is null)
                {
                    yield break;
                }
                _knownUnlistable[name] = true;
                (after, from, continuation, size) = (name, name + '\0', null, PageSize);
                continue;
            }
            if (page.Values.Count > 0)
            {
                after = page.Values[^1].Name;
                yield return new ContainerListingPage(page.Values, null);
            }
            if (string.IsNullOrEmpty(page.ContinuationToken))
            {
                yield break;
            }
            continuation = page.ContinuationToken;
            size = Math.Min(PageSize, size * Narrowing);
        }
    }

    /// <summary>Azurite answers 500 (with a body the SDK cannot read as XML) for a page it cannot write; a lost connection is an outage, not this.</summary>
    public static bool IsUnlistable(Exception exception) =>
        exception is XmlException || exception is RequestFailedException { Status: 500 };

    /// <summary>
    /// A page read once, without retries, since a page that cannot be listed fails every time (Azurite takes 25 s to
    /// exhaust the default retries); any other error is read again with them, as a passing fault deserves.
    /// </summary>
    private async Task<Page<BlobItem>> ReadPageAsync(string? from, string? continuation, int size, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadPageAsync(storage.ArticlesProbe, from, continuation, size, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !IsUnlistable(exception))
        {
            return await ReadPageAsync(storage.Articles, from, continuation, size, cancellationToken);
        }
    }

    /// <summary>The answer in a few words: Azurite's 500 has a body the SDK cannot read, whose parse error would say nothing.</summary>
    private static string Describe(Exception exception) => exception is RequestFailedException failed
        ? $"HTTP {failed.Status} {failed.ErrorCode}".TrimEnd()
        : "HTTP 500 with an unreadable body";

    private static async Task<Page<BlobItem>> ReadPageAsync(BlobContainerClient container, string? from, string? continuation, int size, CancellationToken cancellationToken)
    {
        await foreach (var page in container.GetBlobsAsync(new GetBlobsOptions { StartFrom = from }, cancellationToken).AsPages(continuation, size))
        {
            return page;
        }
        return Page<BlobItem>.FromValues([], null, null!);
    }

    private string? KnownAfter(string? after) =>
        _knownUnlistable.Keys.Where(name => after is null || string.CompareOrdinal(name, after) > 0).Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>
    /// The name of the blob just after <paramref name="after"/>, which no listing can return: a name known from an earlier
    /// pass if it still explains the failure, else found one character at a time, each the largest with which a listing
    /// starting there still fails (a binary search over the characters: 8 requests for an ASCII one, 22 for any other). Null when listings
    /// fail from every starting point: the failure is not one blob's.
    /// </summary>
    private async Task<string?> FindUnlistableAsync(string? after, CancellationToken cancellationToken)
    {
        if (KnownAfter(after) is { } known)
        {
            if (await IsUnlistableNameAsync(known, after, cancellationToken))
            {
                return known;
            }
            _knownUnlistable.TryRemove(known, out _);
        }
        if (await FailsFromAsync(CharacterAt(CharacterCount - 1), after, cancellationToken))
        {
            return null; // listings fail from every starting point
        }
        var prefix = string.Empty;
        while (prefix.Length <= MaxNameLength)
        {
            if (prefix.Length > 0 && !await FailsFromAsync(prefix + '\0', after, cancellationToken))
            {
                // Listings fail from the name itself, not from just after it; a name that does not exist was a passing fault.
                return await storage.Articles.GetBlobClient(prefix).ExistsAsync(cancellationToken) ? prefix : null;
            }
            // Names are mostly ASCII: one probe says whether to search its 128 characters or all of Unicode.
            int failing = 0, listing = await FailsFromAsync(prefix + CharacterAt(Ascii), after, cancellationToken) ? CharacterCount : Ascii;
            while (listing - failing > 1)
            {
                var middle = failing + (listing - failing) / 2;
                if (await FailsFromAsync(prefix + CharacterAt(middle), after, cancellationToken))
                {
                    failing = middle;
                }
                else
                {
                    listing = middle;
                }
            }
            prefix += CharacterAt(failing);
        }
        return null;
    }

    private const int Ascii = 0x80;

    private async Task<bool> IsUnlistableNameAsync(string name, string? after, CancellationToken cancellationToken) =>
        await FailsFromAsync(name, after, cancellationToken) && !await FailsFromAsync(name + '\0', after, cancellationToken);

    /// <summary>Whether a one-name listing starting at <paramref name="from"/> fails; any start up to <paramref name="after"/> is before the bad name.</summary>
    private async Task<bool> FailsFromAsync(string from, string? after, CancellationToken cancellationToken)
    {
        if (after is not null && string.CompareOrdinal(from, after) <= 0)
        {
            return true;
        }
        try
        {
            await ReadPageAsync(storage.ArticlesProbe, from, null, 1, cancellationToken);
            return false;
        }
        catch (Exception exception) when (IsUnlistable(exception))
        {
            return true;
        }
    }

    /// <summary>Every Unicode scalar value, in the order storage sorts names (UTF-16 code units): U+0000–D7FF, the astral planes, then U+E000–FFFF.</summary>
    private const int CharacterCount = 0xD800 + 0x100000 + 0x2000;

    private static string CharacterAt(int index) => index switch
    {
        < 0xD800 => ((char)index).ToString(),
        < 0xD800 + 0x100000 => char.ConvertFromUtf32(0x10000 + index - 0xD800),
        _ => ((char)(0xE000 + index - 0xD800 - 0x100000)).ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The articles container cannot be listed after {After}: the blob {Name} makes storage answer {Reason}; the listing goes on past it")]
    private partial void LogUnlistable(string? after, string? name, string reason);
}
