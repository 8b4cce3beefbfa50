using System.Net;
using System.Text.Json;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The author's commands through the real entry point, run from a folder that is neither the project's nor the
/// repository's, against a local server that registered in a state folder of the test's own.
/// </summary>
public sealed class CommandLineTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private CommandLineSite _site = null!;
    private RunningLocalServer _server = null!;
    private CommandLine _cli = null!;
    private string _work = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
    private string SiteUrl => _site.Url;

    public async ValueTask InitializeAsync()
    {
        _site = await CommandLineSite.StartAsync(azurite);
        (_server, _cli, _work) = (_site.Server, _site.Cli, _site.Work);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private string Write(string relativePath, string content) => _site.Write(relativePath, content);

    [Fact]
    public async Task Upload_takes_a_relative_path_from_the_folder_it_runs_in_and_prints_the_servers_url()
    {
        Write("my-article.md", Samples.FrontMatterArticle("From the command line", extra: "slug: from-the-command-line"));

        var run = await _cli.RunAsync("upload", "my-article.md");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"Local server {SiteUrl} (process ", run.Output);
        Assert.Contains("my-article.md → articles/my-article.md: uploaded", run.Output);
        Assert.Contains($"  published: {SiteUrl}/articles/from-the-command-line", run.Output);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/articles/from-the-command-line", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Upload_of_a_folder_publishes_its_articles_under_their_relative_names_and_the_folder_option()
    {
        Write("drafts/one.md", Samples.FrontMatterArticle("Folder article one", extra: "slug: folder-one"));
        Write("drafts/deeper/two.txt", "Folder article two\n\nThe second article of the folder, a CMS export.");
        Write("drafts/notes.pdf", "not an article");

        var run = await _cli.RunAsync("upload", "drafts", "--folder", "/2024/12/");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("→ articles/2024/12/one.md: uploaded", run.Output);
        Assert.Contains("→ articles/2024/12/deeper/two.txt: uploaded", run.Output);
        Assert.DoesNotContain("notes.pdf", run.Output);
        Assert.Contains($"published: {SiteUrl}/articles/folder-article-two", run.Output);
    }

    [Fact]
    public async Task Upload_of_a_folder_takes_the_images_beside_its_articles_and_the_page_shows_them_sized()
    {
        Write("story/poster.png", "placeholder");
        File.WriteAllBytes(Path.Combine(_work, "story", "poster.png"), Serverless.Core.Rendering.SiteLogo.Png.ToArray());
        Write("story/article.md", Samples.FrontMatterArticle("With a poster", extra: "slug: with-a-poster\nimage: poster.png\nimage_alt: The poster", body: "![The poster](poster.png)\n\nA paragraph about the poster."));

        var run = await _cli.RunAsync("upload", "story", "--folder", "2014/sony");
        var page = await _server.Http.GetStringAsync("/articles/with-a-poster", Cancellation);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Output.IndexOf("articles/2014/sony/poster.png", StringComparison.Ordinal) < run.Output.IndexOf("articles/2014/sony/article.md", StringComparison.Ordinal), run.Output);
        Assert.Contains($"published: {SiteUrl}/media/", run.Output);
        Assert.DoesNotContain("warning:", run.Output);
        Assert.Matches("<img src=\"[^\"]+/media/[^\"]+\" srcset=\"[^\"]+\" sizes=\"[^\"]+\" width=\"512\" height=\"512\" alt=\"The poster\"", page);
        Assert.Contains("<meta property=\"og:image:width\" content=\"512\">", page);
    }

    [Fact]
    public async Task Upload_of_an_article_that_fails_says_why_and_exits_1()
    {
        Write("broken.md", "---\nlang: klingon-xx-yy\n---\n# Title\n\nBody.");

        var run = await _cli.RunAsync("upload", "broken.md");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  failed: Front matter 'lang' 'klingon-xx-yy' is not a known language code; use e.g. 'fr', 'en' or 'fr-CA'.", run.Output);
    }

    public static TheoryData<string, string> AuthorMistakes => new()
    {
        { "---\ntitle: First\nauthor: Jane\ntitle: Second\n---\n\nBody text.", "failed: Front matter 'title' is given twice, on line 2 and again at line 4, column 1: keep only one." },
        { $"---\ntitle: {new string('t', 10_000)}\n---\n\nBody text.", "failed: Front matter 'title' is 10000 characters long (at most 250): shorten it." },
        { "---\ntitle: Never closed\nauthor: Jane\n\nBody text.", "failed: The front matter opened by '---' on line 1 is never closed: add a line with '---' after its last field." },
    };

    [Theory]
    [MemberData(nameof(AuthorMistakes))]
    public async Task Upload_names_what_to_fix(string article, string expected)
    {
        Write("mistake.md", article);

        var run = await _cli.RunAsync("upload", "mistake.md");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  " + expected + "\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Upload_warns_that_a_heading_repeating_the_title_was_dropped()
    {
        Write("heading.md", "---\ntitle: Budget vote delayed\n---\n\n# Budget vote delayed\n\nThe council postponed the vote.");

        var run = await _cli.RunAsync("upload", "heading.md");
        var page = await _server.Http.GetStringAsync("/articles/budget-vote-delayed", Cancellation);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  warning: The '# Budget vote delayed' heading repeats the front-matter title and was dropped.", run.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<h1[ >]"));
    }

    [Fact]
    public async Task Upload_of_markdown_nested_too_deep_reports_failed_saying_what_to_change_instead_of_timing_out()
    {
        Write("nested.md", "Deeply nested\n\n" + new string('>', 10_000) + " quote\n");

        var run = await _cli.RunAsync("upload", "nested.md");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  failed: The article's Markdown nests more than 128 levels deep", run.Output);
        Assert.Contains("flatten the quotes and lists", run.Output);
    }

    [Fact]
    public async Task Upload_of_a_missing_file_names_it_and_exits_1()
    {
        var run = await _cli.RunAsync("upload", "not-there.md");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{Path.Combine(_work, "not-there.md")}: no such file or folder", run.Output);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/../b")]
    public async Task Upload_refuses_a_folder_with_dot_parts_before_uploading_anything(string folder)
    {
        Write("fine.md", Samples.FrontMatterArticle("Fine"));

        var run = await _cli.RunAsync("upload", "fine.md", "--folder", folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"--folder '{folder}' cannot be used: a folder of the container is a path without '.' or '..' parts, such as 2024/12.", run.Error.Trim());
        Assert.Empty(await _server.Articles.GetBlobsAsync(cancellationToken: Cancellation).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task Concurrent_uploads_of_one_name_each_end_published_or_replaced_and_never_time_out()
    {
        var files = Enumerable.Range(1, 5)
            .Select(i => Write($"v{i}/same.md", Samples.FrontMatterArticle($"Same name version {i}", extra: "slug: same-name")))
            .ToList();

        var runs = await Task.WhenAll(files.Select(file => _cli.RunAsync("upload", file, "--wait", "60")));

        Assert.All(runs, run => Assert.True(
            run.Output.Contains("  published: ", StringComparison.Ordinal)
            || run.Output.Contains("was replaced by another upload before this one was published", StringComparison.Ordinal), run.ToString()));
        Assert.Contains(runs, run => run.ExitCode == 0);
    }

    [Fact]
    public async Task Upload_of_more_than_twenty_files_prints_progress_and_a_summary_instead_of_a_line_per_file()
    {
        for (var i = 0; i < 21; i++)
        {
            Write($"batch/{i:00}.md", Samples.FrontMatterArticle($"Batch article {i:00}", extra: $"slug: batch-{i:00}"));
        }

        var run = await _cli.RunAsync("upload", "batch");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^  21 of 21 uploaded, \d+ ingested, \d+ rendered, 0 failed; \d+\.\d files/s, (about \d+ (s|min) left|time left not known yet)$", run.Output);
        Assert.Matches(@"(?m)^21 files in \d+\.\d s \(\d+\.\d files/s\): 21 published$", run.Output);
        Assert.DoesNotContain("→ articles/", run.Output);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/articles/batch-20", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Upload_of_a_long_run_with_json_keeps_one_document_on_standard_output_and_progress_on_standard_error()
    {
        for (var i = 0; i < 21; i++)
        {
            Write($"json-batch/{i:00}.md", Samples.FrontMatterArticle($"Json batch article {i:00}", extra: $"slug: json-batch-{i:00}"));
        }

        var run = await _cli.RunAsync("upload", "json-batch", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(21, document.RootElement.GetProperty("files").EnumerateArray().Count(file => file.GetProperty("status").GetProperty("state").GetString() == "published"));
        Assert.Contains("  21 of 21 uploaded, ", run.Error);
    }

    [Fact]
    public async Task Upload_of_a_linux_file_name_holding_a_backslash_says_that_storage_makes_it_a_folder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "On Windows a backslash separates folders.");
        var file = Write("names/back\\slash.md", Samples.FrontMatterArticle("Backslash in a file name", extra: "slug: backslash-in-a-file-name"));

        var run = await _cli.RunAsync("upload", "names");

        // Azure Storage and Azurite turn a backslash of a blob name into a slash: what is printed is what is stored.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("→ articles/back/slash.md: uploaded", run.Output);
        Assert.Equal($"{file}: Azure Storage turns the '\\' of a blob name into '/', so it is uploaded as articles/back/slash.md, in folders; rename the file to keep it in one.", run.Error.Trim());
        var names = await _server.Articles.GetBlobsAsync(cancellationToken: Cancellation).Select(blob => blob.Name).ToListAsync(Cancellation);
        Assert.Equal(["back/slash.md"], names);
    }

    [Fact]
    public async Task Upload_to_a_server_whose_storage_is_gone_says_so_in_one_line_and_exits_2()
    {
        // A server that runs (its admin API answers) but whose Azurite is gone: its storage endpoints refuse connections.
        var state = Directory.CreateTempSubdirectory("cli-no-storage-").FullName;
        var dead = $"http://127.0.0.1:{CommandLine.FreePort()}/devstoreaccount1";
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Serverless.LocalServer.Azurite.AzuriteProcess.AccountKey};BlobEndpoint={dead};QueueEndpoint={dead};TableEndpoint={dead};";
        Assert.Null(new ServerFile(state).TryClaim(ServerFile.Describe([SiteUrl], SiteUrl, connection, _server.AdminKey)));
        Write("orphan.md", Samples.FrontMatterArticle("Nowhere to go"));

        var run = await new CommandLine(state, _work, _server.Settings).RunAsync("upload", "orphan.md");

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith($"The storage of Local server {SiteUrl} (process ", error);
        Assert.Contains("the server runs, but its Azurite does not", error);
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task Status_from_a_server_that_does_not_answer_says_so_in_one_line_and_exits_2()
    {
        // A server that runs but is stuck: its port takes connections and never answers.
        using var stuck = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        stuck.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)stuck.LocalEndpoint).Port}";
        var state = Directory.CreateTempSubdirectory("cli-stuck-").FullName;
        Assert.Null(new ServerFile(state).TryClaim(ServerFile.Describe([url], url, _server.Settings["AzureWebJobsStorage"], _server.AdminKey)));

        var run = await new CommandLine(state, _work, _server.Settings).RunAsync("status", "anything");

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith($"Local server {url} (process ", error);
        Assert.EndsWith("did not answer within 30 s: the server is busy or stuck; try again, or restart it.", error);
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task Delete_unpublishes_the_article_and_its_page_answers_410()
    {
        Write("gone.md", Samples.FrontMatterArticle("Soon gone", extra: "slug: soon-gone"));
        Assert.Equal(0, (await _cli.RunAsync("upload", "gone.md")).ExitCode);

        var run = await _cli.RunAsync("delete", "gone.md");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"articles/gone.md: deleted; {SiteUrl}/articles/soon-gone now answers 410 Gone", run.Output);
        Assert.Equal(HttpStatusCode.Gone, (await _server.Http.GetAsync("/articles/soon-gone", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Delete_of_an_unknown_blob_says_so_and_exits_1()
    {
        var run = await _cli.RunAsync("delete", "never-uploaded.md");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("articles/never-uploaded.md: no such blob; `list` shows what is uploaded.", run.Output);
    }

    [Fact]
    public async Task List_shows_each_article_with_its_state_as_lines_and_as_json()
    {
        Write("ok.md", Samples.FrontMatterArticle("Listed fine", extra: "slug: listed-fine"));
        Write("bad.md", "---\ndate: not-a-date\n---\n# Listed badly\n\nBody.");
        await _cli.RunAsync("upload", "ok.md", "bad.md");

        var lines = await _cli.RunAsync("list");
        var json = await _cli.RunAsync("list", "--json");

        Assert.Equal(0, lines.ExitCode);
        Assert.Contains($"published  ok.md  {SiteUrl}/articles/listed-fine", lines.Output);
        Assert.Contains("failed     bad.md  Front matter 'date' is not a date: 'not-a-date'", lines.Output);
        using var document = JsonDocument.Parse(json.Output);
        var states = document.RootElement.GetProperty("articles").EnumerateArray()
            .ToDictionary(article => article.GetProperty("blobName").GetString()!, article => article.GetProperty("state").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["bad.md"] = "failed", ["ok.md"] = "published" }, states);
        Assert.Equal(SiteUrl, document.RootElement.GetProperty("server").GetProperty("publicBaseUrl").GetString());
    }

    [Fact]
    public async Task List_reads_page_after_page_to_the_last()
    {
        await SourceSeeder.SeedAsync(_server.App.Services, 150);

        var run = await _cli.RunAsync("list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(150, run.Output.Split('\n').Count(line => line.Contains("  seeded/", StringComparison.Ordinal)));
        Assert.Contains("rendering  seeded/00149.md  Ingested; the page is being rendered.", run.Output);
    }

    [Fact]
    public async Task Failures_lists_what_failed_with_why_as_lines_and_as_json()
    {
        Write("fine.md", Samples.FrontMatterArticle("Nothing wrong", extra: "slug: nothing-wrong"));
        Write("broken.md", "---\ndate: not-a-date\n---\n# Broken\n\nBody.");
        await _cli.RunAsync("upload", "fine.md", "broken.md");

        var lines = await _cli.RunAsync("failures");
        var json = await _cli.RunAsync("failures", "--json");

        Assert.Equal(0, lines.ExitCode);
        Assert.Matches(@"(?m)^source +broken\.md  Front matter 'date' is not a date: 'not-a-date'", lines.Output);
        Assert.DoesNotContain("fine.md", lines.Output);
        using var document = JsonDocument.Parse(json.Output);
        var failure = Assert.Single(document.RootElement.GetProperty("failures").EnumerateArray());
        Assert.Equal(("source", "broken.md"), (failure.GetProperty("kind").GetString(), failure.GetProperty("blobName").GetString()));
    }

    [Fact]
    public async Task Republish_starts_the_job_and_follows_it_until_done()
    {
        Write("again.md", Samples.FrontMatterArticle("Published again", extra: "slug: published-again"));
        await _cli.RunAsync("upload", "again.md");

        var run = await _cli.RunAsync("republish");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Republish job ", run.Output);
        Assert.Contains("  done: 1 of 1 sources marked for ingest, 1 articles weighed against today's corpus, 1 of 1 live pages queued to render (3 pages of work)", run.Output);
    }

    [Fact]
    public async Task Status_finds_an_article_by_slug_or_blob_name_and_shows_its_whole_record()
    {
        Write("status.md", Samples.FrontMatterArticle("Status shown", extra: "slug: status-shown", body: "It cites [a missing story](#)."));
        await _cli.RunAsync("upload", "status.md");

        var bySlug = await _cli.RunAsync("status", "status-shown");
        var byBlob = await _cli.RunAsync("status", "status.md", "--json");

        Assert.Equal(0, bySlug.ExitCode);
        Assert.Contains("blob:      articles/status.md", bySlug.Output);
        Assert.Contains("state:     published", bySlug.Output);
        Assert.Contains("title:     Status shown", bySlug.Output);
        Assert.Contains($"url:       {SiteUrl}/articles/status-shown", bySlug.Output);
        using var document = JsonDocument.Parse(byBlob.Output);
        var article = document.RootElement.GetProperty("article");
        Assert.Equal("status-shown", article.GetProperty("slug").GetString());
        Assert.Equal("published", article.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Status_of_an_unknown_name_says_how_to_find_one_and_exits_1()
    {
        var run = await _cli.RunAsync("status", "nothing-by-that-name");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("No uploaded article has the blob name or slug 'nothing-by-that-name': `list` shows them all.", run.Error.Trim());
    }

    [Fact]
    public async Task Status_of_an_unknown_name_still_names_the_server_first()
    {
        var run = await _cli.RunAsync("status", "nothing-by-that-name");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Local server {SiteUrl} (process ", run.Output);
    }

    [Fact]
    public async Task Open_prints_the_url_alone_on_standard_output_and_the_server_on_standard_error()
    {
        Write("open-alone.md", Samples.FrontMatterArticle("Open me alone", extra: "slug: open-me-alone"));
        await _cli.RunAsync("upload", "open-alone.md");

        var found = await _cli.RunAsync("open", "open-me-alone");
        var missing = await _cli.RunAsync("open", "no-such-slug");

        Assert.Equal(0, found.ExitCode);
        Assert.Equal($"{SiteUrl}/articles/open-me-alone", found.Output.Trim());
        Assert.StartsWith($"Local server {SiteUrl} (process ", found.Error);
        Assert.Equal(1, missing.ExitCode);
        Assert.Empty(missing.Output);
        Assert.Equal([$"Local server {SiteUrl}", "No uploaded article has the slug or blob name 'no-such-slug': `list` shows them all."],
            missing.Error.Trim().Split('\n').Select(line => line.Split(" (process ")[0].Trim()));
    }

    [Fact]
    public async Task Help_of_list_names_every_state_it_can_show()
    {
        var run = await _cli.RunAsync("list", "--help");

        Assert.Equal(0, run.ExitCode);
        // Help wraps its lines to the terminal's width.
        Assert.Contains("rendering, published, failed, draft, scheduled or ignored", System.Text.RegularExpressions.Regex.Replace(run.Output, @"\s+", " "));
    }

    [Fact]
    public async Task Open_prints_the_url_of_a_published_article()
    {
        Write("open.md", Samples.FrontMatterArticle("Open me", extra: "slug: open-me"));
        await _cli.RunAsync("upload", "open.md");

        var run = await _cli.RunAsync("open", "open-me");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{SiteUrl}/articles/open-me", run.Output.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Commands_exit_2_with_how_to_start_a_server_when_none_runs()
    {
        var elsewhere = new CommandLine(Directory.CreateTempSubdirectory("cli-no-server-").FullName, _work);

        var run = await elsewhere.RunAsync("list");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("No local server is running", run.Error);
        Assert.Contains("dotnet run --project src/Serverless.LocalServer", run.Error);
    }

    [Fact]
    public async Task Commands_exit_2_when_the_server_that_registered_has_died()
    {
        var state = Directory.CreateTempSubdirectory("cli-stale-").FullName;
        var dead = ServerFile.Describe(["http://127.0.0.1:1"], "http://127.0.0.1:1", "UseDevelopmentStorage=true", "dead-server-admin-key") with { ProcessId = int.MaxValue - 7 };
        Assert.Null(new ServerFile(state).TryClaim(dead));

        var run = await new CommandLine(state, _work).RunAsync("list");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("No local server is running", run.Error);
    }

    [Fact]
    public async Task Json_output_of_a_failure_to_connect_is_json_too()
    {
        var run = await new CommandLine(Directory.CreateTempSubdirectory("cli-no-server-").FullName, _work).RunAsync("list", "--json");

        Assert.Equal(2, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(2, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.StartsWith("No local server is running", document.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Second_server_of_the_same_checkout_leaves_the_first_ones_file_alone()
    {
        var file = new ServerFile(_site.State);
        var first = file.FindRunning();

        await using (var second = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { StateDirectory = _site.State, SamplesDirectory = null }))
        {
            Assert.Equal(first!.InstanceId, file.FindRunning()?.InstanceId);
        }

        Assert.Equal(first.InstanceId, file.FindRunning()?.InstanceId);
        var run = await _cli.RunAsync("list");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"Local server {SiteUrl} ", run.Output);
    }

    [Fact]
    public async Task Stopped_server_removes_its_file()
    {
        var state = Directory.CreateTempSubdirectory("cli-stopped-").FullName;
        var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { StateDirectory = state, SamplesDirectory = null });
        Assert.NotNull(new ServerFile(state).FindRunning());

        await server.DisposeAsync();

        Assert.False(File.Exists(new ServerFile(state).Path));
    }
}
