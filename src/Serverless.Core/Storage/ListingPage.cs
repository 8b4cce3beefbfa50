namespace Serverless.Core.Storage;

/// <summary>
/// One page of a newest-first listing (the site's or a tag's), with where its neighbours start: the RowKey to list
/// older articles after (<see cref="OlderAfter"/>, null on the last page), and for the newer page, whether there is one
/// (<see cref="HasNewer"/>) and the RowKey to list it after (<see cref="NewerAfter"/>, null when it is the first page).
/// </summary>
public sealed record ListingPage(IReadOnlyList<ListingEntity> Items, string? OlderAfter, bool HasNewer, string? NewerAfter);
