using System.CommandLine;
using Serverless.LocalServer;
using Serverless.LocalServer.Commands;

var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => LocalServerSettings.DefaultUrls };
var data = new Option<DirectoryInfo?>("--data") { Description = "Keep Azurite's data in this folder so the site survives a restart (default: in memory)." };
var noSamples = new Option<bool>("--no-samples") { Description = "Do not upload the repository's sample articles on start." };
var watch = new Option<DirectoryInfo?>("--watch") { Description = "Upload the Markdown files of this folder whenever they change." };

var serve = new RootCommand("Serverless local server: Azurite, publishing and the site at http://localhost:7071.") { urls, data, noSamples, watch };
serve.SetAction(async (parse, cancellationToken) =>
{
    var settings = new LocalServerSettings
    {
        Urls = parse.GetValue(urls)!,
        DataDirectory = parse.GetValue(data)?.FullName,
        SamplesDirectory = parse.GetValue(noSamples) ? null : Path.Combine(RepositoryRoot.Find(), "samples", "articles"),
        WatchDirectory = parse.GetValue(watch)?.FullName,
    };
    await using var server = await LocalServerApp.StartAsync(settings, cancellationToken);
    await server.WaitForShutdownAsync(cancellationToken);
    return 0;
});

var files = new Argument<FileInfo[]>("files") { Description = "Markdown (.md, .markdown) or CMS text (.txt) files.", Arity = ArgumentArity.OneOrMore };
var folder = new Option<string?>("--folder") { Description = "Upload under this folder of the container." };
var wait = new Option<int>("--wait") { Description = "Seconds to wait for each article to be published.", DefaultValueFactory = _ => 15 };
var upload = new Command("upload", "Upload articles to the running local server's storage and report how each was published.") { files, folder, wait };
upload.SetAction((parse, cancellationToken) => UploadCommand.RunAsync(UploadCommand.DefaultConfiguration(),
    parse.GetValue(files)!, parse.GetValue(folder), TimeSpan.FromSeconds(parse.GetValue(wait)), Console.Out, cancellationToken));
serve.Subcommands.Add(upload);

return await serve.Parse(args).InvokeAsync();
