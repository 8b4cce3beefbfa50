using System.CommandLine;
using Azure;
using Serverless.LocalServer.Hosting;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// The command line: without a command it runs the local server; the commands act on the running one, found through
/// its <c>server.json</c>. Relative paths are taken from the folder the command runs in (the project sets
/// <c>RunWorkingDirectory</c> so <c>dotnet run --project</c> keeps it).
/// </summary>
public static class CommandLineApp
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    public static RootCommand Build()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Also log debug messages, such as the storage answers publishing expects.", Recursive = true };
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => LocalServerSettings.DefaultUrls };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Keep Azurite's data in this folder so the site survives a restart (default: in memory)." };
        var noSamples = new Option<bool>("--no-samples") { Description = "Do not upload the repository's sample articles on start." };
        var reconcileEvery = new Option<int>("--reconcile-every")
        {
            Description = "Seconds between reconciliations of the whole container, the safety net for uploads made by other storage clients.",
            DefaultValueFactory = _ => (int)LocalServerSettings.DefaultReconcileInterval.TotalSeconds,
        };
        reconcileEvery.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--reconcile-every must be at least 1 second.");
            }
        });
        var noticeEvery = new Option<double>("--notice-every")
        {
            Description = "Seconds between listings of the articles container that notice uploads and deletions made by any storage client (Storage Explorer, az, azcopy).",
            DefaultValueFactory = _ => LocalServerSettings.DefaultNoticeInterval.TotalSeconds,
        };
        noticeEvery.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() < 0.2)
            {
                result.AddError("--notice-every must be at least 0.2 seconds.");
            }
        });
        var watch = new Option<DirectoryInfo?>("--watch") { Description = "Upload the articles and images of this folder whenever they change, and unpublish the ones deleted from it, also while the server was stopped." };

        var serve = new RootCommand("Serverless local server: Azurite, publishing and the site at http://localhost:7071. The commands below act on the running server.")
        {
            urls, data, noSamples, watch, reconcileEvery, noticeEvery, verbose,
        };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new LocalServerSettings
            {
                Urls = parse.GetValue(urls)!,
                DataDirectory = parse.GetValue(data)?.FullName,
                SamplesDirectory = parse.GetValue(noSamples) ? null : Path.Combine(RepositoryRoot.Find(), "samples", "articles"),
                WatchDirectory = parse.GetValue(watch)?.FullName,
                ReconcileInterval = TimeSpan.FromSeconds(parse.GetValue(reconcileEvery)),
                NoticeInterval = TimeSpan.FromSeconds(parse.GetValue(noticeEvery)),
                StateDirectory = ServerFile.DefaultStateDirectory(),
                Verbose = parse.GetValue(verbose),
            };
            try
            {
                await using var server = await LocalServerApp.StartAsync(settings, cancellationToken);
                await server.WaitForShutdownAsync(cancellationToken);
                return ExitCodes.Success;
            }
            catch (PortInUseException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return ExitCodes.AuthorError;
            }
        });

        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of lines.", Recursive = true };
        serve.Options.Add(json);
        var wait = new Option<int>("--wait")
        {
            Description = "Seconds to wait for the server to process each upload or deletion; an upload of many files waits as long as they keep being processed.",
            DefaultValueFactory = _ => (int)DefaultWait.TotalSeconds,
        };

        var paths = new Argument<string[]>("paths") { Description = "Articles (.md, .markdown, .txt), images (.jpg, .png, .webp, .gif) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var folder = new Option<string?>("--folder") { Description = "Upload under this folder of the container, e.g. 2024/12." };
        var upload = new Command("upload", "Upload articles and their images (folders recursively) and report how each was published.") { paths, folder, wait };
        upload.SetAction((parse, ct) => RunAsync(parse, json, (session, output) =>
            UploadCommand.RunAsync(session, parse.GetValue(paths)!, parse.GetValue(folder), TimeSpan.FromSeconds(parse.GetValue(wait)), output, ct)));

        var blobs = new Argument<string[]>("blobs") { Description = "Blob names in the articles container, as `list` shows them.", Arity = ArgumentArity.OneOrMore };
        var delete = new Command("delete", "Unpublish articles by deleting their blobs.") { blobs, wait };
        delete.SetAction((parse, ct) => RunAsync(parse, json, (session, output) =>
            DeleteCommand.RunAsync(session, parse.GetValue(blobs)!, TimeSpan.FromSeconds(parse.GetValue(wait)), output, ct)));

        var list = new Command("list", $"List every uploaded article and image with its state: {StatusText.AllNames}.");
        list.SetAction((parse, ct) => RunAsync(parse, json, (session, output) => ListCommand.RunAsync(session, output, ct)));

        var blobOrSlug = new Argument<string>("blob-or-slug") { Description = "A blob name or an article's slug." };
        var status = new Command("status", "Show one article's record: state, message, warnings and URL.") { blobOrSlug };
        status.SetAction((parse, ct) => RunAsync(parse, json, (session, output) => StatusCommand.RunAsync(session, parse.GetValue(blobOrSlug)!, output, ct)));

        var slugOrBlob = new Argument<string>("slug-or-blob") { Description = "An article's slug or blob name." };
        var open = new Command("open", "Print the URL of a published article.") { slugOrBlob };
        open.SetAction((parse, ct) => RunAsync(parse, json, (session, output) => OpenCommand.RunAsync(session, parse.GetValue(slugOrBlob)!, output, ct)));

        var blobOrFile = new Argument<string>("blob-or-file") { Description = "An uploaded blob's name, or a local article file not uploaded yet." };
        var openPage = new Option<bool>("--open") { Description = "Open the share preview page of an uploaded blob in the browser." };
        var preview = new Command("preview", "Show how an article will look on X, Facebook, LinkedIn, Bluesky, Mastodon, WhatsApp, Slack, Discord and Google, and what will break.") { blobOrFile, openPage };
        preview.SetAction((parse, ct) => RunAsync(parse, json, (session, output) => PreviewCommand.RunAsync(session, parse.GetValue(blobOrFile)!, parse.GetValue(openPage), output, ct)));

        var failures = new Command("failures", "List what failed and why: failed articles, then the messages each stage gave up on.");
        failures.SetAction((parse, ct) => RunAsync(parse, json, (session, output) => FailuresCommand.RunAsync(session, output, ct)));

        var republish = new Command("republish", "Ingest every article again and render every page again, in the background; follow its progress until done.");
        republish.SetAction((parse, ct) => RunAsync(parse, json, (session, output) => RepublishCommand.RunAsync(session, output, ct)));

        foreach (var command in new[] { upload, delete, list, status, open, preview, failures, republish })
        {
            serve.Subcommands.Add(command);
        }
        return serve;
    }

    /// <summary>Connects to the running server and runs a command, turning "no server" and dead storage into exit code 2.</summary>
    private static async Task<int> RunAsync(ParseResult parse, Option<bool> json, Func<ServerSession, CommandOutput, Task<int>> command)
    {
        var output = new CommandOutput(Console.Out, Console.Error, parse.GetValue(json));
        var (session, problem) = ServerSession.Connect(ServerSession.DefaultConfiguration(), ServerFile.DefaultStateDirectory());
        if (session is null)
        {
            return output.Fail(ExitCodes.NoServer, problem!);
        }
        await using (session)
        {
            try
            {
                return await command(session, output);
            }
            catch (RequestFailedException exception) when (exception.Status == 0 || !session.ServerIsRunning)
            {
                return output.Fail(ExitCodes.NoServer, StorageDidNotAnswer(session, exception));
            }
            catch (AggregateException exception) when (exception.Flatten().InnerExceptions.All(inner => inner is RequestFailedException or HttpRequestException))
            {
                // The storage client's retries ran out: one exception per try, the last says it best.
                return output.Fail(ExitCodes.NoServer, StorageDidNotAnswer(session, exception.Flatten().InnerExceptions[^1]));
            }
            catch (HttpRequestException exception)
            {
                return output.Fail(ExitCodes.NoServer, $"The admin API of {session.Describe()} did not answer ({exception.Message}): is the server still running?");
            }
            catch (TaskCanceledException exception) when (exception.InnerException is TimeoutException)
            {
                // HttpClient's timeout: System.CommandLine would end on it with exit code 1 and not a word.
                return output.Fail(ExitCodes.NoServer,
                    $"{session.Describe()} did not answer within {AdminApiClient.RequestTimeout.TotalSeconds:0} s: the server is busy or stuck; try again, or restart it.");
            }
        }
    }

    /// <summary>One line: which storage did not answer, why, and what to do about it.</summary>
    private static string StorageDidNotAnswer(ServerSession session, Exception exception)
    {
        var advice = session.Server is null ? "is the storage account reachable?"
            : session.ServerIsRunning ? "the server runs, but its Azurite does not: stop the server (Ctrl+C) and start it again."
            : "is the server still running?";
        return $"The storage of {session.Describe()} did not answer ({exception.Message.Split('\n')[0].Trim()}): {advice}";
    }
}
