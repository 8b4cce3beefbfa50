using Azure;

namespace Serverless.Core.Search;

/// <summary>The manifest as read (null when <see cref="Unchanged"/>), and the ETag to condition the next read or write on.</summary>
public sealed record StoredManifest(SearchManifest? Manifest, ETag? ETag, bool Unchanged);
