using Azure;
using Azure.Data.Tables;
using Serverless.Core.Storage;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// Likes, boosts and replies to the site's articles, counted by article (table <c>reactions</c>). A reply also has a
/// row naming its article in partition <c>~note-{hash of its id}</c> (no slug starts with <c>~</c>), since the
/// <c>Delete</c> that withdraws it names the note alone.
/// </summary>
public sealed class Reactions(StorageClients storage)
{
    private const string ReplyPrefix = "reply-";

    private static string RowOf(ReactionKind kind, string key) => $"{kind.ToString().ToLowerInvariant()}-{ActivityDocuments.Hash(key)}";

    private static string NotePartition(string noteId) => "~note-" + ActivityDocuments.Hash(noteId);

    /// <summary>Records a reaction; <paramref name="key"/> is who (a like, a boost) or which note (a reply).</summary>
    public async Task AddAsync(string slug, ReactionKind kind, string key, string actor, string objectId, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).UpsertEntityAsync(
            new ReactionEntity { PartitionKey = TableKeys.ForSlug(slug), RowKey = RowOf(kind, key), Actor = actor, ObjectId = objectId }, TableUpdateMode.Replace, cancellationToken);

    public async Task RemoveAsync(string slug, ReactionKind kind, string key, CancellationToken cancellationToken)
    {
        try
        {
            await (await TableAsync(cancellationToken)).DeleteEntityAsync(TableKeys.ForSlug(slug), RowOf(kind, key), ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
        }
    }

    /// <summary>
    /// Records a reply, with what a page shows of it. The note's row first: a crash before the reply's row leaves a
    /// row that names a reply not there, which a redelivery completes and a Delete clears.
    /// </summary>
    public async Task AddReplyAsync(string slug, ReceivedReply reply, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(new ReactionEntity { PartitionKey = NotePartition(reply.NoteId), RowKey = TableKeys.ForSlug(slug), Actor = reply.Actor, ObjectId = reply.NoteId },
            TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(new ReactionEntity
        {
            PartitionKey = TableKeys.ForSlug(slug),
            RowKey = RowOf(ReactionKind.Reply, reply.NoteId),
            Actor = reply.Actor,
            ObjectId = reply.NoteId,
            AuthorName = reply.AuthorName,
            Content = reply.Content,
            Url = reply.Url,
            Published = reply.Published,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Removes the reply <paramref name="noteId"/> if <paramref name="actor"/> wrote it; returns the slug of the
    /// article it answered, or null when there was no such reply of theirs. The note's row goes last, so that a
    /// redelivered Delete still finds the article.
    /// </summary>
    public async Task<string?> RemoveReplyAsync(string noteId, string actor, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var notes = new List<ReactionEntity>();
        await foreach (var note in table.QueryAsync<ReactionEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {NotePartition(noteId)}"), cancellationToken: cancellationToken))
        {
            notes.Add(note);
        }
        if (notes.FirstOrDefault(note => note.Actor == actor) is not { } found)
        {
            return null;
        }
        await RemoveAsync(found.RowKey, ReactionKind.Reply, noteId, cancellationToken);
        await table.DeleteEntityAsync(found.PartitionKey, found.RowKey, ETag.All, cancellationToken);
        return found.RowKey;
    }

    /// <summary>
    /// The article's replies a page shows: the newest <paramref name="shown"/>, and how many more. Every reply row is
    /// read (a page per 1,000), since their keys are not in date order; the count is exact however many there are.
    /// </summary>
    public async Task<ShownReplies> NewestRepliesAsync(string slug, int shown, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var replies = new List<ReceivedReply>();
        var partition = TableKeys.ForSlug(slug);
        await foreach (var row in table.QueryAsync<ReactionEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ReplyPrefix} and RowKey lt {ReplyPrefix[..^1] + "."}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            replies.Add(new ReceivedReply(row.ObjectId, row.Actor, row.AuthorName ?? row.Actor, row.Content ?? string.Empty, row.Url ?? row.ObjectId, row.Published ?? row.Timestamp ?? DateTimeOffset.MinValue));
        }
        var newest = replies.OrderByDescending(reply => reply.Published).ThenBy(reply => reply.NoteId, StringComparer.Ordinal).Take(shown).ToList();
        return new ShownReplies(newest, replies.Count - newest.Count);
    }

    /// <summary>The article's counts: a keys-only query of its partition, a page per 1,000 reactions.</summary>
    public async Task<ReactionCounts> CountAsync(string slug, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = await TableAsync(cancellationToken);
        await foreach (var row in table.QueryAsync<ReactionEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForSlug(slug)}"),
            maxPerPage: 1000, select: [nameof(ReactionEntity.RowKey)], cancellationToken: cancellationToken))
        {
            var kind = row.RowKey[..row.RowKey.IndexOf('-')];
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
        return new ReactionCounts(counts.GetValueOrDefault("like"), counts.GetValueOrDefault("boost"), counts.GetValueOrDefault("reply"));
    }

    /// <summary>The table, created first if this process has not yet (one request, once).</summary>
    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return storage.ReactionsTable;
    }
}
