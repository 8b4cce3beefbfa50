using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The local server's admin API behind its admin key, checked as the Functions host checks a function key; and the
/// Event Grid webhook, which unpublishes a deleted blob at once. Reconciliation is an hour away here, so whatever is
/// published or unpublished is the events' doing.
/// </summary>
public sealed class AdminKeyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("admin-state-").FullName;
    private readonly string _work = Directory.CreateTempSubdirectory("admin-work-").FullName;
    private RunningLocalServer _server = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            StateDirectory = _state,
            SamplesDirectory = null,
            ReconcileInterval = TimeSpan.FromHours(1),
        });

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_state, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "/api/admin/status?blob=known.md" },
        { "GET", "/api/admin/sources" },
        { "GET", "/api/admin/failures" },
        { "POST", "/api/admin/republish" },
        { "GET", "/api/admin/preview?blob=known.md" },
        { "GET", "/api/admin/share-preview?blob=known.md" },
        { "GET", "/admin/preview?blob=known.md" },
        { "POST", "/api/admin/events/blobs" },
    };

    /// <summary>The routes above, and a job's progress (which answers 404 with the key: no job has this id).</summary>
    public static TheoryData<string, string> ProtectedRoutes
    {
        get
        {
            var routes = AdminRoutes;
            routes.Add("GET", "/api/admin/jobs/0192f0c3a7c47d2e8b1a4c5d6e7f8091");
            return routes;
        }
    }

    private static string BlobEvent(string eventType, Uri blobUrl) => JsonSerializer.Serialize(new[]
    {
        new
        {
            id = Guid.NewGuid().ToString(), subject = "/blobServices/default/containers/articles/blobs/" + blobUrl.Segments[^1],
            eventType, eventTime = DateTimeOffset.UtcNow, dataVersion = "1",
            data = new { api = eventType.EndsWith("Deleted", StringComparison.Ordinal) ? "DeleteBlob" : "PutBlob", blobType = "BlockBlob", url = blobUrl.AbsoluteUri },
        },
    });

    private async Task<HttpResponseMessage> SendAsync(string method, string pathAndQuery, string? key = null, string keyHeader = AdminKey.Header)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        if (key is not null)
        {
            request.Headers.Add(keyHeader, key);
        }
        if (method == "POST" && pathAndQuery.StartsWith("/api/admin/events/", StringComparison.Ordinal))
        {
            request.Content = new StringContent(BlobEvent("Microsoft.Storage.BlobCreated", _server.Articles.GetBlobClient("known.md").Uri), Encoding.UTF8, "application/json");
        }
        return await _server.Http.SendAsync(request, Cancellation);
    }

    /// <summary>Publishes through the webhook, as Event Grid's BlobCreated does on Azure.</summary>
    private async Task PublishAsync(string blobName, string content)
    {
        await _server.UploadAsync(blobName, content);
        using var created = new StringContent(BlobEvent("Microsoft.Storage.BlobCreated", _server.Articles.GetBlobClient(blobName).Uri), Encoding.UTF8, "application/json");
        using var response = await _server.SendAdminAsync(HttpMethod.Post, "/api/admin/events/blobs", created);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Admin_route_without_the_key_is_401_and_reveals_nothing(string method, string path)
    {
        await PublishAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));

        using var response = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain("known", body, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Admin_route_with_a_wrong_key_is_401_in_the_header_or_as_code(string method, string path)
    {
        var wrong = _server.AdminKey[..^1] + (_server.AdminKey[^1] == 'A' ? 'B' : 'A');

        using var inHeader = await SendAsync(method, path, wrong);
        using var asCode = await SendAsync(method, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=" + Uri.EscapeDataString(wrong));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (inHeader.StatusCode, asCode.StatusCode));
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Admin_route_with_the_key_answers(string method, string path)
    {
        await PublishAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));

        using var response = await SendAsync(method, path, _server.AdminKey);

        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Key_is_accepted_as_the_code_query_parameter_as_event_grid_passes_it()
    {
        await PublishAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));

        using var response = await _server.Http.GetAsync("/api/admin/status?blob=known.md&code=" + Uri.EscapeDataString(_server.AdminKey), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(("known.md", "known"), (json.RootElement.GetProperty("blobName").GetString(), json.RootElement.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Cloud_events_handshake_allows_the_origin_that_asks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/admin/events/blobs?code=" + Uri.EscapeDataString(_server.AdminKey))
        {
            Headers = { { "WebHook-Request-Origin", "eventgrid.azure.net" } },
        };

        using var response = await _server.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    public static TheoryData<string, string> UnknownAdminPaths => new()
    {
        { "GET", "/api/admin/no-such-route" },
        { "POST", "/api/admin/status/deeper" },
        { "GET", "/admin/no-such-page" },
        { "DELETE", "/ADMIN/share-preview" },
    };

    [Theory]
    [MemberData(nameof(UnknownAdminPaths))]
    public async Task Unknown_admin_path_without_the_key_gets_the_same_401_as_a_real_route(string method, string path)
    {
        using var real = await SendAsync("GET", "/api/admin/status?blob=known.md");
        using var unknown = await SendAsync(method, path);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (real.StatusCode, unknown.StatusCode));
        Assert.Equal(await real.Content.ReadAsStringAsync(Cancellation), await unknown.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("nosniff", unknown.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Unknown_admin_api_path_with_the_key_is_404()
    {
        using var response = await SendAsync("GET", "/api/admin/no-such-route", _server.AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET /{0} HTTP/1.1\r\nHost: localhost\r\n\r\n", "414")]
    [InlineData("NOT AN HTTP REQUEST\r\n\r\n", "400")]
    [InlineData("GET / HTTP/1.1\r\nHost: localhost\r\nA header line without a colon\r\n\r\n", "400")]
    [InlineData("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {0}\r\n\r\n", "431")]
    [InlineData("POST /admin/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 40000000\r\n\r\nkey=", "413")]
    [InlineData("GET / HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n", "400")]
    [InlineData("GET / HTTP/9.9\r\nHost: localhost\r\n\r\n", "505")]
    public async Task Kestrel_rejections_carry_the_security_headers(string request, string status)
    {
        var answer = await RawRequestAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, request, new string('a', 40_000)));

        Assert.StartsWith("HTTP/1.1 " + status, answer, StringComparison.Ordinal);
        AssertSecurityHeaders(answer);
    }

    /// <summary>
    /// Spellings of admin paths a client can send as written (HttpClient would normalise some): trailing slashes, the
    /// folders themselves, odd methods, case, percent-encoding, an encoded or doubled slash, a backslash, dot segments.
    /// </summary>
    public static TheoryData<string> AdminPathSpellings => new()
    {
        "GET /api/admin/status/",
        "GET /api/admin",
        "GET /api/admin/",
        "GET /admin",
        "GET /admin/",
        "GET /admin/share-preview/",
        "GET /admin/sign-in/",
        "GET /API/Admin/Status",
        "PUT /api/admin/status",
        "PATCH /api/admin/republish",
        "DELETE /api/admin/sources",
        "OPTIONS /api/admin/events/blobs",
        "TRACE /admin/",
        "PROPFIND /api/admin/",
        "GET /api/%61dmin/status",
        "GET /%61dmin/share-preview?blob=known.md",
        "GET /api/admin%2Fstatus?blob=known.md",
        "GET /api%2fadmin/status",
        "GET /admin%2Fshare-preview",
        "GET //api/admin/status",
        "GET /api//admin/status",
        "GET //admin//",
        "GET /api/admin\\status",
        "GET /api/admin/./status",
        "GET /api/x/../admin/status",
        "GET http://localhost/api/admin/status",
    };

    [Theory]
    [MemberData(nameof(AdminPathSpellings))]
    public async Task Any_spelling_of_an_admin_path_without_the_key_gets_the_same_401_with_the_security_headers(string requestLine)
    {
        var real = await RawRequestAsync("GET /api/admin/status?blob=known.md HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        var answer = await RawRequestAsync(requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 401 ", answer, StringComparison.Ordinal);
        Assert.Equal(BodyOf(real), BodyOf(answer));
        AssertSecurityHeaders(answer);
    }

    [Fact]
    public async Task A_head_request_without_the_key_is_401_with_the_security_headers()
    {
        var answer = await RawRequestAsync("HEAD /api/admin/no-such-route HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 401 ", answer, StringComparison.Ordinal);
        AssertSecurityHeaders(answer);
    }

    /// <summary>Sends <paramref name="text"/> as written on a new connection and reads the whole answer.</summary>
    private async Task<string> RawRequestAsync(string text)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_server.Http.BaseAddress!.Host, _server.Http.BaseAddress.Port, Cancellation);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), Cancellation);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync(Cancellation);
    }

    private static string BodyOf(string answer) => answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    private static void AssertSecurityHeaders(string answer)
    {
        var head = answer[..(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 2)];
        Assert.Contains("\r\nX-Content-Type-Options: nosniff\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nReferrer-Policy: strict-origin-when-cross-origin\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Security-Policy: ", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Former_open_sources_route_is_gone()
    {
        await PublishAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));

        using var response = await _server.Http.GetAsync("/api/sources", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("known", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_and_known_blobs_get_the_same_answer_without_the_key()
    {
        await PublishAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));

        using var known = await SendAsync("GET", "/api/admin/status?blob=known.md");
        using var unknown = await SendAsync("GET", "/api/admin/status?blob=unknown.md");

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(Cancellation), await unknown.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public void Generated_key_is_random_and_written_to_the_server_file_for_the_commands()
    {
        var registered = new ServerFile(_state).FindRunning();

        Assert.Equal(_server.AdminKey, registered?.AdminKey);
        Assert.True(System.Buffers.Text.Base64Url.IsValid(_server.AdminKey, out var bytes) && bytes == 32, _server.AdminKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(new ServerFile(_state).Path));
        }
    }

    [Fact]
    public async Task Configured_key_is_the_one_accepted()
    {
        const string configured = "configured-admin-key-0123456789";
        await using var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            SamplesDirectory = null,
            Configuration = new Dictionary<string, string?>(settings.Configuration) { ["Admin:Key"] = configured },
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/sources") { Headers = { { AdminKey.Header, configured } } };
        using var response = await server.Http.SendAsync(request, Cancellation);

        Assert.Equal(configured, server.AdminKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Configured_key_too_short_stops_the_start_naming_the_setting()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            SamplesDirectory = null,
            Configuration = new Dictionary<string, string?>(settings.Configuration) { ["Admin:Key"] = "short" },
        }));

        Assert.Contains("Admin__Key", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletion_reported_as_an_event_answers_410_at_once_without_reconciliation()
    {
        await PublishAsync("soon-gone.md", Samples.FrontMatterArticle("Soon gone", extra: "slug: soon-gone"));
        using (var published = await _server.WaitForAsync("/articles/soon-gone", HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        await _server.Articles.DeleteBlobAsync("soon-gone.md", cancellationToken: Cancellation);

        using var content = new StringContent(BlobEvent("Microsoft.Storage.BlobDeleted", _server.Articles.GetBlobClient("soon-gone.md").Uri), Encoding.UTF8, "application/json");
        using var delivered = await _server.SendAdminAsync(HttpMethod.Post, "/api/admin/events/blobs", content);
        // Within the second the server holds a page in memory (Site:ServerCacheSeconds), not the hour reconciliation waits.
        using var page = await _server.WaitForAsync("/articles/soon-gone", HttpStatusCode.Gone, TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        // Stage 2 follows from the render queue: the listing and the feed let it go within moments.
        Assert.False(await StillListedAsync("/api/articles", "soon-gone"));
        Assert.False(await StillListedAsync("/feed.xml", "soon-gone"));
    }

    /// <summary>Polls until <paramref name="path"/> no longer holds <paramref name="text"/>; true if it still does after 10 s.</summary>
    private async Task<bool> StillListedAsync(string path, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var body = await _server.Http.GetStringAsync(path, Cancellation);
            if (!body.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return body.Contains(text, StringComparison.Ordinal);
            }
            await Task.Delay(100, Cancellation);
        }
    }

    [Fact]
    public async Task Upload_command_publishes_at_once_without_reconciliation()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "uploaded-by-command.md"), Samples.FrontMatterArticle("Uploaded by command", extra: "slug: uploaded-by-command"), Cancellation);

        var run = await new CommandLine(_state, _work, _server.Settings).RunAsync("upload", "uploaded-by-command.md", "--wait", "10");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var page = await _server.WaitForAsync("/articles/uploaded-by-command", HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Delete_command_unpublishes_at_once_without_reconciliation()
    {
        await PublishAsync("by-command.md", Samples.FrontMatterArticle("Deleted by command", extra: "slug: deleted-by-command"));
        using (var published = await _server.WaitForAsync("/articles/deleted-by-command", HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        var run = await new CommandLine(_state, _work, _server.Settings).RunAsync("delete", "by-command.md", "--wait", "5");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var page = await _server.WaitForAsync("/articles/deleted-by-command", HttpStatusCode.Gone, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
    }
}
