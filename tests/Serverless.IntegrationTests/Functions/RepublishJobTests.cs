using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues.Models;
using Serverless.Core.Admin;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Republishing is a background job: the request answers 202 with where to follow it, and the work proceeds a page
/// per job-queue message, recorded on the job's row once per page, so that redeliveries and crashes neither lose a
/// page nor count one twice.
/// </summary>
public sealed class RepublishJobTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<HttpResponseSnapshot> PostRepublishAsync()
    {
        var context = _site.NewHttpContext("/api/admin/republish");
        context.Request.Method = "POST";
        return await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.Republish(context.Request, Cancellation), context);
    }

    private async Task<(int Status, JsonElement Json)> GetJobAsync(string location)
    {
        var context = _site.NewHttpContext(location);
        var id = location.Split('/')[^1];
        var response = await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.GetAdminJob(context.Request, id, Cancellation), context);
        using var json = JsonDocument.Parse(response.Body);
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>Receives the next job message and hands it to the handler as the queue trigger does; deletes it once handled.</summary>
    private static async Task<JobPageResult> HandleNextJobMessageAsync(TestSite site)
    {
        var queue = site.Get<StorageClients>().JobQueue;
        var message = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 1, cancellationToken: Cancellation)).Value);
        var result = await site.Get<JobMessageHandler>().HandleAsync(message.Body.ToString(), message.DequeueCount, Cancellation);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Cancellation);
        return result;
    }

    [Fact]
    public async Task Republish_answers_202_with_the_location_of_a_job_that_reports_progress_until_done()
    {
        await _site.PublishAsync("a.md", Samples.FrontMatterArticle("First", extra: "slug: first"));
        await _site.PublishAsync("b.md", Samples.FrontMatterArticle("Second", extra: "slug: second"));

        var accepted = await PostRepublishAsync();
        var location = accepted.Headers.Location.ToString();
        var (runningStatus, running) = await GetJobAsync(location);
        await _site.DrainRenderQueueAsync();
        var (_, done) = await GetJobAsync(location);

        Assert.Equal(202, accepted.StatusCode);
        using var body = JsonDocument.Parse(accepted.Body);
        Assert.Equal($"/api/admin/jobs/{body.RootElement.GetProperty("id").GetString()}", location);
        Assert.Equal((200, "Running", 0), (runningStatus, running.GetProperty("state").GetString(), running.GetProperty("pages").GetInt32()));
        Assert.Equal(("Done", 2, 2, 2, 2, 2), (done.GetProperty("state").GetString(), done.GetProperty("sourcesSeen").GetInt32(), done.GetProperty("sourcesMarked").GetInt32(),
            done.GetProperty("articlesWeighed").GetInt32(), done.GetProperty("articlesSeen").GetInt32(), done.GetProperty("articlesQueued").GetInt32()));
        Assert.True(done.GetProperty("finishedAt").GetDateTimeOffset() >= done.GetProperty("startedAt").GetDateTimeOffset());
    }

    /// <summary>
    /// One by one, an article keeps the weights of the corpus it was last weighed in until the corpus doubles: the
    /// second of three was weighed against two. A republish weighs each against the corpus of today.
    /// </summary>
    [Fact]
    public async Task Republish_weighs_every_article_against_the_corpus_of_today_before_rendering_the_pages()
    {
        string[] slugs = ["harbour-strike", "harbour-reopens", "harbour-budget"];
        foreach (var slug in slugs)
        {
            await _site.PublishAsync($"{slug}.md", Samples.FrontMatterArticle(slug,
                body: $"The harbour {slug} story: dockers, cranes and ferries, the strike and the port budget, {slug} again.", extra: $"slug: {slug}"));
        }
        var repository = _site.Get<ArticleRepository>();
        var before = await Task.WhenAll(slugs.Select(slug => repository.GetArticleAsync(slug, Cancellation)));
        Assert.Contains(before, record => record!.WeighedCorpus < slugs.Length);

        await PostRepublishAsync();
        var renders = await _site.DrainRenderQueueAsync();

        var after = await Task.WhenAll(slugs.Select(slug => repository.GetArticleAsync(slug, Cancellation)));
        Assert.All(after, record => Assert.Equal(slugs.Length, record!.WeighedCorpus));
        // Rendered after the weighing, each page once: from the weights of today.
        Assert.Equal(slugs.Order(StringComparer.Ordinal), renders.Where(render => render.Status == Core.Ingest.RenderStatus.Rendered).Select(render => render.Slug).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Job_works_a_page_per_message_and_each_page_costs_a_bounded_number_of_requests()
    {
        await SourceSeeder.SeedAsync(_site.Get<IServiceProvider>(), 250, withBlobs: false);
        await _site.Get<Republisher>().StartAsync(Cancellation);

        var pages = new List<(JobStatus Job, int Requests)>();
        JobStatus job;
        do
        {
            _site.Requests.Reset();
            job = (await HandleNextJobMessageAsync(_site)).Status!;
            pages.Add((job, _site.Requests.Total));
        }
        while (job.State == JobState.Running);

        Assert.Equal([100, 200, 250, 250, 250], pages.Select(page => page.Job.SourcesSeen));
        Assert.Equal([JobState.Running, JobState.Running, JobState.Running, JobState.Running, JobState.Done], pages.Select(page => page.Job.State));
        Assert.Equal(250, job.SourcesMarked);
        // The receive and delete, the row's read and update, the page's query, a write per source, the next message.
        Assert.All(pages, page => Assert.InRange(page.Requests, 1, Republisher.PageSize + 6));
    }

    [Fact]
    public async Task Page_delivered_again_is_not_counted_again()
    {
        await SourceSeeder.SeedAsync(_site.Get<IServiceProvider>(), 150, withBlobs: false);
        var id = (await _site.Get<Republisher>().StartAsync(Cancellation)).Id;
        var firstPage = JsonSerializer.Serialize(new { job = id, page = 0 });
        var handler = _site.Get<JobMessageHandler>();

        var first = await handler.HandleAsync(firstPage, dequeueCount: 1, Cancellation);
        var copy = await handler.HandleAsync(firstPage, dequeueCount: 1, Cancellation);
        var redelivery = await handler.HandleAsync(firstPage, dequeueCount: 2, Cancellation);
        await _site.DrainRenderQueueAsync();
        var job = (await _site.Get<Republisher>().GetAsync(id, Cancellation))!;

        Assert.Equal([JobPageOutcome.Worked, JobPageOutcome.Duplicate, JobPageOutcome.NextSentAgain], new[] { first.Outcome, copy.Outcome, redelivery.Outcome });
        Assert.Equal((JobState.Done, 150, 150, 4), (job.State, job.SourcesSeen, job.SourcesMarked, job.Pages));
        // Page 1 was queued twice (after page 0, and by its redelivery): one delivery did it, the other nothing.
        Assert.Equal(1, _site.JobResults.Count(result => result is { Page: 1, Outcome: JobPageOutcome.Worked }));
        Assert.Equal(1, _site.JobResults.Count(result => result is { Page: 1, Outcome: JobPageOutcome.Duplicate }));
    }

    [Fact]
    public async Task Start_whose_row_was_lost_is_recorded_by_its_first_page()
    {
        await SourceSeeder.SeedAsync(_site.Get<IServiceProvider>(), 3, withBlobs: false);
        var id = JobMessage.NewJobId(DateTimeOffset.UtcNow);
        // What a start that crashed after sending its first message leaves: the message, and no row.
        await _site.Get<JobStore>().SendAsync(JsonSerializer.Serialize(new { job = id, page = 0 }), Cancellation);

        await _site.DrainRenderQueueAsync();

        var (status, job) = await GetJobAsync($"/api/admin/jobs/{id}");
        Assert.Equal((200, "Done", 3), (status, job.GetProperty("state").GetString(), job.GetProperty("sourcesMarked").GetInt32()));
    }

    [Fact]
    public async Task Page_failing_on_its_last_delivery_stops_the_job_saying_why()
    {
        await SourceSeeder.SeedAsync(_site.Get<IServiceProvider>(), 3, withBlobs: false);
        var id = (await _site.Get<Republisher>().StartAsync(Cancellation)).Id;
        await using var failing = new TestSite(azurite.ConnectionString, _site.Settings, fault: new FailingTable(_site.Settings["Storage:SourcesTable"]!));
        var message = JsonSerializer.Serialize(new { job = id, page = 0 });

        await Assert.ThrowsAsync<RequestFailedException>(() => failing.Get<JobMessageHandler>().HandleAsync(message, dequeueCount: 1, Cancellation));
        var running = (await _site.Get<Republisher>().GetAsync(id, Cancellation))!;
        await Assert.ThrowsAsync<RequestFailedException>(() => failing.Get<JobMessageHandler>().HandleAsync(message, dequeueCount: 5, Cancellation));
        var failed = (await _site.Get<Republisher>().GetAsync(id, Cancellation))!;

        Assert.Equal(JobState.Running, running.State);
        Assert.Equal(JobState.Failed, failed.State);
        Assert.StartsWith("Page 0 failed 5 times: ", failed.Error, StringComparison.Ordinal);
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task Crash_after_any_storage_request_of_a_job_ends_with_the_counts_of_a_run_without_one()
    {
        var checkedPositions = 0;
        for (var position = 1; ; position++)
        {
            var settings = TestSite.StorageSettings(azurite.ConnectionString);
            await using (var setup = new TestSite(azurite.ConnectionString, settings))
            {
                await CorpusSeeder.SeedPublishedAsync(setup.Get<IServiceProvider>(), 3, Cancellation);
            }
            var crash = new InjectedCrash();
            string id;
            await using (var process = new TestSite(azurite.ConnectionString, settings, fault: crash))
            {
                await process.Get<StorageClients>().EnsureCreatedAsync(Cancellation);
                id = (await process.Get<Republisher>().StartAsync(Cancellation)).Id;
                crash.Arm(position);
                try
                {
                    await RunJobAsync(process);
                }
                catch (Exception exception) when (crash.Crashed && IsCrash(exception))
                {
                }
                if (!crash.Crashed)
                {
                    break; // past the job's last request
                }
            }
            // The restarted process: new memory, the same storage; what was received and not deleted is delivered again.
            await using var restarted = new TestSite(azurite.ConnectionString, settings);
            await RunJobAsync(restarted);
            var job = (await restarted.Get<Republisher>().GetAsync(id, Cancellation))!;
            Assert.True((job.State, job.Pages, job.SourcesSeen, job.SourcesMarked, job.ArticlesWeighed, job.ArticlesSeen, job.ArticlesQueued) == (JobState.Done, 3, 3, 3, 3, 3, 3),
                $"Crashed after request {position} ({crash.After}): {job}");
            checkedPositions++;
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"crashed after each of {checkedPositions} requests");
        Assert.InRange(checkedPositions, 10, 100);
    }

    /// <summary>Short, so that a message received by the crashed process is delivered again soon.</summary>
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The job queue as the host drains it, until no message is left, visible or not.</summary>
    private static async Task RunJobAsync(TestSite site)
    {
        var queue = site.Get<StorageClients>().JobQueue;
        var handler = site.Get<JobMessageHandler>();
        while (true)
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(maxMessages: 16, VisibilityTimeout, Cancellation)).Value;
            if (messages.Length == 0)
            {
                if ((await queue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount == 0)
                {
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), Cancellation);
                continue;
            }
            foreach (var message in messages)
            {
                await handler.HandleAsync(message.Body.ToString(), message.DequeueCount, Cancellation);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Cancellation);
            }
        }
    }

    private static bool IsCrash(Exception exception) =>
        exception is InjectedCrashException || exception.InnerException is { } inner && IsCrash(inner)
        || exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsCrash);

    /// <summary>Storage failing every request to one table, as an outage of it would: 503 at once, no retry.</summary>
    private sealed class FailingTable(string table) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The storage clients are used asynchronously.");

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            message.Request.Uri.Path.Contains("/" + table, StringComparison.Ordinal)
                ? throw new RequestFailedException(503, $"Injected failure of table {table}.")
                : ProcessNextAsync(message, pipeline);
    }
}
