namespace Serverless.LocalServer;

/// <summary>How the local server runs, from its command line (or a test).</summary>
public sealed record LocalServerSettings
{
    public const string DefaultUrls = "http://localhost:7071";

    /// <summary>Where to listen, as ASP.NET Core's --urls.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Azurite keeps its data here across restarts; null keeps it in memory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Articles uploaded on start into an empty articles container (never over an author's site); null uploads none.</summary>
    public string? SamplesDirectory { get; init; }

    /// <summary>A folder of Markdown files uploaded whenever they change; null watches nothing.</summary>
    public string? WatchDirectory { get; init; }

    /// <summary>
    /// How often the whole articles container is reconciled: the safety net for an upload nobody reported. Uploads by
    /// the commands, the watched folder and the samples are reported at once (as Event Grid does on Azure), so this
    /// can be slow: each pass lists every source record, a cost that grows with the corpus.
    /// </summary>
    public TimeSpan ReconcileInterval { get; init; } = DefaultReconcileInterval;

    public static readonly TimeSpan DefaultReconcileInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often <see cref="Publishing.BlobChangeNotifier"/> lists the articles container to notice uploads and
    /// deletions made by any storage client, as Event Grid would report them: one listing request per 1,000 blobs.
    /// </summary>
    public TimeSpan NoticeInterval { get; init; } = DefaultNoticeInterval;

    public static readonly TimeSpan DefaultNoticeInterval = TimeSpan.FromSeconds(2);

    /// <summary>How often the render queue is polled while empty.</summary>
    public TimeSpan RenderPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Settings layered over appsettings.json and the environment (tests use it to point at their Azurite).</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Where the server leaves <c>server.json</c> for the commands (<see cref="Hosting.ServerFile"/>); null leaves none,
    /// as tests running several servers at once want.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Also log debug messages, such as the storage answers that are expected (404 for a new blob).</summary>
    public bool Verbose { get; init; }

    /// <summary>Extra storage client options, such as a pipeline policy that counts requests (load measurements).</summary>
    public Action<Azure.Core.ClientOptions>? ConfigureStorageClients { get; init; }
}
