namespace Serverless.Core.Search;

/// <summary>
/// The change rows one merge applied (<see cref="RowKeys"/>) and the manifest it stored, told by its position and when it
/// was merged (<see cref="ChangesUpTo"/>, <see cref="MergedAt"/>): the next merge on the instance, finding that manifest
/// still current, applies only the rows it does not name.
/// </summary>
internal sealed record AppliedChanges(string ChangesUpTo, DateTimeOffset MergedAt, IReadOnlySet<string> RowKeys)
{
    public bool Stored(SearchManifest manifest) => manifest.ChangesUpTo == ChangesUpTo && manifest.MergedAt == MergedAt;
}
