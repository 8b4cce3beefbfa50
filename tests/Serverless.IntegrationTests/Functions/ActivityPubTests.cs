using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Core.ActivityPub;
using Serverless.Core.Admin;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The site as a fediverse actor, over real HTTP: a remote server (a local HTTP server serving its actor, with its
/// inboxes) follows it with requests signed by @peertube/http-signature, the library PeerTube runs, and checks with the
/// same library the signatures of what the site delivers: the Accept, then Create, Update and Delete of articles.
/// </summary>
public sealed class ActivityPubTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "fedi-" + Guid.NewGuid().ToString("N"), "actor.pem");
    private readonly RSA _aliceKey = RSA.Create(2048);
    private TestReceiver _remote = null!;
    private TestSite _site = null!;
    private SiteHost _host = null!;
    private readonly HttpClient _http = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Alice => _remote.Url("users/alice");

    private string Bob => _remote.Url("users/bob");

    public async ValueTask InitializeAsync()
    {
        _remote = await TestReceiver.StartAsync();
        foreach (var name in new[] { "alice", "bob" })
        {
            var actor = _remote.Url("users/" + name);
            _remote.Documents["/users/" + name] = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"),
                ["id"] = actor,
                ["type"] = "Person",
                ["preferredUsername"] = name,
                // What a hostile server could call its user: shown as text.
                ["name"] = name == "bob" ? "<img src=x onerror=alert(1)>Bob" : "Alice",
                ["inbox"] = actor + "/inbox",
                ["endpoints"] = new JsonObject { ["sharedInbox"] = _remote.Url("inbox") },
                ["publicKey"] = new JsonObject { ["id"] = actor + "#main-key", ["owner"] = actor, ["publicKeyPem"] = _aliceKey.ExportSubjectPublicKeyInfoPem() },
            }.ToJsonString();
        }
        _site = new TestSite(azurite, new Dictionary<string, string?>
        {
            ["ActivityPub:PrivateKeyFile"] = _keyFile,
            // The peers here are test servers on 127.0.0.1.
            ["ActivityPub:AllowPrivateAddresses"] = "true",
            ["ActivityPub:DeliveryAttempts"] = "3",
            ["ActivityPub:DeliveryBackoffSeconds"] = "0",
            ["ActivityPub:ShowReplies"] = "true",
            ["ActivityPub:RepliesShown"] = "2",
            // A reply's render is delayed to gather a thread's burst; here each is wanted at once.
            ["Publishing:RenderDelaySeconds"] = "0",
            ["Site:ServerCacheSeconds"] = "0",
        });
        _host = await SiteHost.StartAsync(_site);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _site.DisposeAsync();
        await _remote.DisposeAsync();
        _aliceKey.Dispose();
        if (Directory.Exists(Path.GetDirectoryName(_keyFile)))
        {
            Directory.Delete(Path.GetDirectoryName(_keyFile)!, recursive: true);
        }
    }

    private async Task<JsonElement> GetJsonAsync(string path, string accept = "application/activity+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _host.Url(path));
        request.Headers.Accept.ParseAdd(accept);
        using var response = await _http.SendAsync(request, Cancellation);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone();
    }

    /// <summary>POSTs an activity to the site's inbox as the remote server would, signed with PeerTube's library.</summary>
    private async Task<int> PostToInboxAsync(JsonObject activity, string actor, bool sign = true, string? sentBody = null, string? inbox = null)
    {
        var result = await NodeTool.RunAsync("fediverse-peer.mjs", new JsonObject
        {
            ["command"] = "post",
            ["url"] = inbox ?? _host.Url("activitypub/inbox"),
            ["body"] = activity.ToJsonString(),
            ["sentBody"] = sentBody,
            ["keyId"] = actor + "#main-key",
            ["privateKeyPem"] = _aliceKey.ExportPkcs8PrivateKeyPem(),
            ["sign"] = sign,
        }.ToJsonString());
        return result.RootElement.GetProperty("status").GetInt32();
    }

    /// <summary>POSTs an activity to the site's inbox signed with RFC 9421 by the npm library http-message-signatures: the answer's status and body.</summary>
    private async Task<JsonElement> PostSignedWithMessageSignaturesAsync(JsonObject activity, string actor, string alg = MessageSignatures.RsaPkcs1Sha256,
        string digestAlgorithm = "sha-256", string[]? fields = null, DateTimeOffset? created = null, bool withoutCreated = false, string? sentBody = null, RSA? key = null)
    {
        var result = await NodeTool.RunAsync("message-signatures-peer.mjs", new JsonObject
        {
            ["command"] = "post",
            ["url"] = _host.Url("activitypub/inbox"),
            ["body"] = activity.ToJsonString(),
            ["sentBody"] = sentBody,
            ["keyId"] = actor + "#main-key",
            ["privateKeyPem"] = (key ?? _aliceKey).ExportPkcs8PrivateKeyPem(),
            ["alg"] = alg,
            ["digestAlgorithm"] = digestAlgorithm,
            ["fields"] = fields is null ? null : new JsonArray([.. fields.Select(field => JsonValue.Create(field))]),
            ["created"] = created?.ToString("o"),
            ["withoutCreated"] = withoutCreated,
        }.ToJsonString());
        return result.RootElement.Clone();
    }

    private static JsonObject Reply(string actor, int number, string content, string published) => new()
    {
        ["id"] = $"{actor}/notes/{number}/activity",
        ["type"] = "Create",
        ["actor"] = actor,
        ["object"] = new JsonObject
        {
            ["id"] = $"{actor}/notes/{number}",
            ["type"] = "Note",
            ["inReplyTo"] = TestSite.PublicBaseUrl + "/articles/story",
            ["content"] = content,
            ["published"] = published,
            ["attributedTo"] = actor,
        },
    };

    private async Task<string> GetPageAsync(string path)
    {
        using var response = await _http.GetAsync(_host.Url(path), Cancellation);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    private static JsonObject Follow(string actor) => new()
    {
        ["@context"] = "https://www.w3.org/ns/activitystreams",
        ["id"] = actor + "#follow-1",
        ["type"] = "Follow",
        ["actor"] = actor,
        ["object"] = TestSite.PublicBaseUrl + "/activitypub/actor",
    };

    /// <summary>Checks a request the site sent with PeerTube's library and the key the site's actor publishes.</summary>
    private async Task AssertSignedBySiteAsync(ReceivedRequest request)
    {
        var publicKey = (await GetJsonAsync("activitypub/actor")).GetProperty("publicKey").GetProperty("publicKeyPem").GetString();
        var headers = new JsonObject();
        foreach (var (name, value) in request.Headers)
        {
            headers[name] = value;
        }
        var result = (await NodeTool.RunAsync("fediverse-peer.mjs", new JsonObject
        {
            ["command"] = "verify",
            ["method"] = request.Method,
            ["path"] = request.PathAndQuery,
            ["headers"] = headers,
            ["body"] = request.Body,
            ["publicKeyPem"] = publicKey,
        }.ToJsonString())).RootElement;
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("digestMatches").GetBoolean());
        Assert.Equal(TestSite.PublicBaseUrl + "/activitypub/actor#main-key", result.GetProperty("keyId").GetString());
    }

    private List<(ReceivedRequest Request, JsonElement Activity)> Delivered(string type) =>
        [.. _remote.Requests.Where(request => request.Method == "POST")
            .Select(request => (request, JsonDocument.Parse(request.Body).RootElement.Clone()))
            .Where(delivery => delivery.Item2.GetProperty("type").GetString() == type)];

    private static string Now(int hoursAgo = 1) => DateTimeOffset.UtcNow.AddHours(-hoursAgo).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task WebFinger_finds_the_site_actor_by_its_account()
    {
        var jrd = await GetJsonAsync(".well-known/webfinger?resource=acct:news@news.example.com", "application/jrd+json");

        Assert.Equal("acct:news@news.example.com", jrd.GetProperty("subject").GetString());
        var self = jrd.GetProperty("links").EnumerateArray().Single(link => link.GetProperty("rel").GetString() == "self");
        Assert.Equal("application/activity+json", self.GetProperty("type").GetString());
        Assert.Equal(TestSite.PublicBaseUrl + "/activitypub/actor", self.GetProperty("href").GetString());
    }

    [Fact]
    public async Task WebFinger_for_another_account_is_not_found()
    {
        using var response = await _http.GetAsync(_host.Url(".well-known/webfinger?resource=acct:someone@news.example.com"), Cancellation);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Actor_has_the_fields_of_mastodons_example_and_an_rsa_2048_public_key()
    {
        var actor = await GetJsonAsync("activitypub/actor");

        // The fields of the actor example in Mastodon's documentation (spec/activitypub, "Actor"), each with a value here.
        foreach (var field in new[] { "@context", "id", "type", "preferredUsername", "name", "summary", "url", "inbox", "outbox", "followers", "endpoints", "icon", "publicKey" })
        {
            Assert.True(actor.TryGetProperty(field, out _), field);
        }
        Assert.Equal("news", actor.GetProperty("preferredUsername").GetString());
        var key = actor.GetProperty("publicKey");
        Assert.Equal(TestSite.PublicBaseUrl + "/activitypub/actor#main-key", key.GetProperty("id").GetString());
        Assert.Equal(TestSite.PublicBaseUrl + "/activitypub/actor", key.GetProperty("owner").GetString());
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.GetProperty("publicKeyPem").GetString());
        Assert.Equal(2048, rsa.KeySize);
    }

    /// <summary>
    /// Beyond the fields being there, the values Mastodon's documentation shows and its importer reads
    /// (docs.joinmastodon.org, spec/activitypub and spec/security): the contexts, a key owned by the actor, a shared
    /// inbox, absolute addresses on the site.
    /// </summary>
    [Fact]
    public async Task Actor_values_are_those_mastodon_reads()
    {
        var actor = await GetJsonAsync("activitypub/actor");
        var id = TestSite.PublicBaseUrl + "/activitypub/actor";

        Assert.Equal(["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"], actor.GetProperty("@context").EnumerateArray().Select(context => context.GetString()));
        Assert.Equal(id, actor.GetProperty("id").GetString());
        Assert.Equal("Service", actor.GetProperty("type").GetString());
        Assert.Equal(id, actor.GetProperty("publicKey").GetProperty("owner").GetString());
        Assert.StartsWith(id + "#", actor.GetProperty("publicKey").GetProperty("id").GetString());
        Assert.Equal(TestSite.PublicBaseUrl + "/activitypub/inbox", actor.GetProperty("inbox").GetString());
        Assert.Equal(actor.GetProperty("inbox").GetString(), actor.GetProperty("endpoints").GetProperty("sharedInbox").GetString());
        foreach (var field in (string[])["outbox", "followers", "url"])
        {
            Assert.StartsWith(TestSite.PublicBaseUrl + "/", actor.GetProperty(field).GetString());
        }
        Assert.Equal("Image", actor.GetProperty("icon").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.False, actor.GetProperty("manuallyApprovesFollowers").ValueKind);
        var followers = await GetJsonAsync("activitypub/followers");
        Assert.Equal("OrderedCollection", followers.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Article_and_its_create_are_addressed_and_dated_as_mastodon_reads_them()
    {
        await PostToInboxAsync(Follow(Alice), Alice);
        await _site.PublishAsync("story.md", Samples.Article("A story", Now(), tags: "[azure]", extra: "slug: story"));
        var article = await GetJsonAsync("articles/story");
        var (_, create) = Assert.Single(Delivered("Create"));
        var actor = TestSite.PublicBaseUrl + "/activitypub/actor";
        var url = TestSite.PublicBaseUrl + "/articles/story";

        Assert.Equal("https://www.w3.org/ns/activitystreams", article.GetProperty("@context").GetString());
        Assert.Equal(url, article.GetProperty("id").GetString());
        Assert.Equal(url, article.GetProperty("url").GetString());
        Assert.Equal(actor, article.GetProperty("attributedTo").GetString());
        // xsd:dateTime in UTC, as Mastodon writes and reads "published".
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", article.GetProperty("published").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", article.GetProperty("updated").GetString());
        Assert.StartsWith("<", article.GetProperty("content").GetString());
        Assert.Equal("Hashtag", article.GetProperty("tag")[0].GetProperty("type").GetString());
        Assert.Equal(TestSite.PublicBaseUrl + "/tags/azure", article.GetProperty("tag")[0].GetProperty("href").GetString());
        // Public, with the followers in copy: Mastodon shows it as a public post in their home timelines.
        foreach (var document in new[] { article, create, create.GetProperty("object") })
        {
            Assert.Equal([ActivityStreams.Public], document.GetProperty("to").EnumerateArray().Select(address => address.GetString()));
            Assert.Equal([TestSite.PublicBaseUrl + "/activitypub/followers"], document.GetProperty("cc").EnumerateArray().Select(address => address.GetString()));
        }
        Assert.Equal(actor, create.GetProperty("actor").GetString());
        Assert.StartsWith(url + "#create-", create.GetProperty("id").GetString());
        Assert.Equal(url, create.GetProperty("object").GetProperty("id").GetString());
    }

    [Fact]
    public async Task NodeInfo_is_discovered_and_says_activitypub()
    {
        var links = await GetJsonAsync(".well-known/nodeinfo", "application/json");
        var href = links.GetProperty("links")[0].GetProperty("href").GetString()!;

        var nodeInfo = await GetJsonAsync(new Uri(href).AbsolutePath.TrimStart('/'), "application/json");

        Assert.Equal("2.1", nodeInfo.GetProperty("version").GetString());
        Assert.Equal(["activitypub"], nodeInfo.GetProperty("protocols").EnumerateArray().Select(protocol => protocol.GetString()));
    }

    [Fact]
    public async Task Article_url_answers_an_activitystreams_article_to_the_fediverse_and_html_to_browsers()
    {
        await _site.PublishAsync("story.md", Samples.Article("A story", Now(), tags: "[azure]", extra: "slug: story"));

        var article = await GetJsonAsync("articles/story");
        var ldJson = await GetJsonAsync("articles/story", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
        using var page = await _http.GetAsync(_host.Url("articles/story"), Cancellation);
        var html = await page.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal("Article", article.GetProperty("type").GetString());
        foreach (var field in new[] { "name", "content", "url", "attributedTo", "published", "updated", "tag", "image" })
        {
            Assert.True(article.TryGetProperty(field, out _), field);
        }
        Assert.Equal("A story", article.GetProperty("name").GetString());
        Assert.Equal(TestSite.PublicBaseUrl + "/articles/story", article.GetProperty("id").GetString());
        Assert.Equal("#azure", article.GetProperty("tag")[0].GetProperty("name").GetString());
        Assert.Equal("Article", ldJson.GetProperty("type").GetString());
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
        Assert.Contains("Accept", page.Headers.Vary);
        Assert.Contains($"<link rel=\"alternate\" type=\"application/activity+json\" href=\"{TestSite.PublicBaseUrl}/articles/story\">", html);
    }

    [Fact]
    public async Task Signed_follow_is_accepted_and_the_accept_is_delivered_signed()
    {
        Assert.Equal(202, await PostToInboxAsync(Follow(Alice), Alice));
        await _site.DrainRenderQueueAsync();

        Assert.NotNull(await _site.Get<Followers>().GetAsync(Alice, Cancellation));
        var (request, accept) = Assert.Single(Delivered("Accept"));
        Assert.Equal("/users/alice/inbox", request.PathAndQuery);
        Assert.Equal(Alice + "#follow-1", accept.GetProperty("object").GetProperty("id").GetString());
        await AssertSignedBySiteAsync(request);
    }

    [Fact]
    public async Task Unsigned_follow_gets_401_and_changes_nothing()
    {
        Assert.Equal(401, await PostToInboxAsync(Follow(Alice), Alice, sign: false));

        Assert.Null(await _site.Get<Followers>().GetAsync(Alice, Cancellation));
    }

    [Fact]
    public async Task Follow_whose_body_does_not_match_its_digest_gets_401_and_changes_nothing()
    {
        Assert.Equal(401, await PostToInboxAsync(Follow(Alice), Alice, sentBody: Follow(Bob).ToJsonString()));

        Assert.Null(await _site.Get<Followers>().GetAsync(Alice, Cancellation));
        Assert.Null(await _site.Get<Followers>().GetAsync(Bob, Cancellation));
    }

    [Theory]
    [InlineData(MessageSignatures.RsaPkcs1Sha256, "sha-256")]
    [InlineData(MessageSignatures.RsaPssSha512, "sha-512")]
    public async Task Follow_signed_with_rfc_9421_message_signatures_is_accepted(string alg, string digestAlgorithm)
    {
        Assert.Equal(202, (await PostSignedWithMessageSignaturesAsync(Follow(Alice), Alice, alg, digestAlgorithm)).GetProperty("status").GetInt32());

        Assert.NotNull(await _site.Get<Followers>().GetAsync(Alice, Cancellation));
    }

    [Fact]
    public async Task Follow_signed_with_rfc_9421_over_authority_and_path_and_a_date_is_accepted() =>
        Assert.Equal(202, (await PostSignedWithMessageSignaturesAsync(Follow(Alice), Alice, fields: ["@method", "@authority", "@path", "content-digest", "date"], withoutCreated: true))
            .GetProperty("status").GetInt32());

    /// <summary>Each flaw, and the reason the inbox answers with its 401.</summary>
    public static TheoryData<string, string> RefusedMessageSignatures => new()
    {
        { "no content-digest", "does not cover content-digest" },
        { "no target", "does not cover @target-uri" },
        { "stale", "expired" },
        { "body not digested", "Content-Digest does not match" },
        { "another key", "signature does not match" },
    };

    [Theory]
    [MemberData(nameof(RefusedMessageSignatures))]
    public async Task Follow_with_an_rfc_9421_signature_missing_a_component_stale_tampered_or_by_another_key_gets_401_and_changes_nothing(string flaw, string reason)
    {
        using var otherKey = RSA.Create(2048);
        var answer = flaw switch
        {
            "no content-digest" => await PostSignedWithMessageSignaturesAsync(Follow(Alice), Alice, fields: ["@method", "@target-uri", "content-type"]),
            "no target" => await PostSignedWithMessageSignaturesAsync(Follow(Alice), Alice, fields: ["@method", "@path", "content-digest"]),
            "stale" => await PostSignedWithMessageSignaturesAsync(Follow(Alice), Alice, created: DateTimeOffset.UtcNow.AddDays(-1)),
            "body not digested" => await PostSignedWithMessageSignaturesAsync(Follow(Alice), Alice, sentBody: Follow(Bob).ToJsonString()),
            _ => await PostSignedWithMessageSignaturesAsync(Follow(Alice), Alice, key: otherKey),
        };

        Assert.Equal(401, answer.GetProperty("status").GetInt32());
        Assert.Contains(reason, answer.GetProperty("body").GetString());
        Assert.Null(await _site.Get<Followers>().GetAsync(Alice, Cancellation));
        Assert.Null(await _site.Get<Followers>().GetAsync(Bob, Cancellation));
    }

    /// <summary>A signature's key is fetched from public servers only: a peer cannot make the site request its own network.</summary>
    [Fact]
    public async Task Follow_signed_with_a_key_on_a_private_address_gets_401_and_the_key_is_never_fetched()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["ActivityPub:PrivateKeyFile"] = _keyFile });
        await using var host = await SiteHost.StartAsync(site);

        Assert.Equal(401, await PostToInboxAsync(Follow(Alice), Alice, inbox: host.Url("activitypub/inbox")));

        Assert.DoesNotContain(_remote.Requests, request => request.Method == "GET");
        Assert.Null(await site.Get<Followers>().GetAsync(Alice, Cancellation));
    }

    [Fact]
    public async Task Undo_follow_removes_the_follower()
    {
        await PostToInboxAsync(Follow(Alice), Alice);

        Assert.Equal(202, await PostToInboxAsync(new JsonObject { ["id"] = Alice + "#undo", ["type"] = "Undo", ["actor"] = Alice, ["object"] = Follow(Alice) }, Alice));

        Assert.Null(await _site.Get<Followers>().GetAsync(Alice, Cancellation));
    }

    [Fact]
    public async Task Create_update_and_delete_go_once_to_each_shared_inbox_signed_and_an_unchanged_render_sends_nothing()
    {
        await PostToInboxAsync(Follow(Alice), Alice);
        await PostToInboxAsync(Follow(Bob), Bob);

        var date = Now();
        await _site.PublishAsync("story.md", Samples.Article("A story", date, extra: "slug: story"));
        await _site.PublishAsync("story.md", Samples.Article("A story", date, extra: "slug: story"));
        await _site.PublishAsync("story.md", Samples.Article("A story, corrected", date, extra: "slug: story"));
        await _site.PublishAsync("story.md", Samples.Article("A story, corrected", date, extra: "slug: story\ndraft: true"));

        var (create, created) = Assert.Single(Delivered("Create"));
        var (update, updated) = Assert.Single(Delivered("Update"));
        var (delete, deleted) = Assert.Single(Delivered("Delete"));
        Assert.All(new[] { create, update, delete }, request => Assert.Equal("/inbox", request.PathAndQuery));
        Assert.Equal("A story", created.GetProperty("object").GetProperty("name").GetString());
        Assert.Equal("A story, corrected", updated.GetProperty("object").GetProperty("name").GetString());
        Assert.Equal("Tombstone", deleted.GetProperty("object").GetProperty("type").GetString());
        await AssertSignedBySiteAsync(create);
        await AssertSignedBySiteAsync(delete);
    }

    [Fact]
    public async Task Archive_article_is_not_announced()
    {
        await PostToInboxAsync(Follow(Alice), Alice);

        await _site.PublishAsync("old.md", Samples.Article("An old story", "2020-01-01T08:00:00Z", extra: "slug: old"));

        Assert.Empty(Delivered("Create"));
    }

    [Fact]
    public async Task Delivery_failing_for_a_while_is_tried_again_and_one_refused_for_good_is_listed_in_failures()
    {
        await PostToInboxAsync(Follow(Alice), Alice);
        await _site.DrainRenderQueueAsync(); // the Accept
        for (var i = 0; i < OptimisticConcurrency.MaxAttempts; i++)
        {
            _remote.Statuses.Enqueue(503); // every attempt of the first delivery fails: it is put back, and the next one goes through
        }
        await _site.PublishAsync("story.md", Samples.Article("A story", Now(), extra: "slug: story"));
        Assert.Equal(OptimisticConcurrency.MaxAttempts + 1, Delivered("Create").Count);
        Assert.DoesNotContain((await _site.Get<FailureReport>().ListAsync(10, null, Cancellation)).Items, item => item.Kind == FailureKind.DeliveryPoison);

        _remote.Statuses.Enqueue(410);
        await _site.PublishAsync("story.md", Samples.Article("A story, corrected", Now(), extra: "slug: story"));

        var failures = await _site.Get<FailureReport>().ListAsync(10, null, Cancellation);
        var failure = Assert.Single(failures.Items, item => item.Kind == FailureKind.DeliveryPoison);
        Assert.Contains(_remote.Url("inbox"), failure.Reason);
        Assert.Contains("410", failure.Reason);
    }

    [Fact]
    public async Task Likes_boosts_and_replies_are_counted_on_the_article_once_each()
    {
        await _site.PublishAsync("story.md", Samples.Article("A story", Now(), extra: "slug: story"));
        var story = TestSite.PublicBaseUrl + "/articles/story";

        var like = new JsonObject { ["id"] = Alice + "#like", ["type"] = "Like", ["actor"] = Alice, ["object"] = story };
        await PostToInboxAsync(like, Alice);
        await PostToInboxAsync((JsonObject)like.DeepClone(), Alice);
        await PostToInboxAsync(new JsonObject { ["id"] = Bob + "#boost", ["type"] = "Announce", ["actor"] = Bob, ["object"] = story }, Bob);
        await PostToInboxAsync(new JsonObject
        {
            ["id"] = Bob + "#reply-create",
            ["type"] = "Create",
            ["actor"] = Bob,
            ["object"] = new JsonObject { ["id"] = Bob + "/notes/1", ["type"] = "Note", ["inReplyTo"] = story, ["content"] = "Well told." },
        }, Bob);

        var article = await GetJsonAsync("articles/story");
        Assert.Equal(1, article.GetProperty("likes").GetProperty("totalItems").GetInt32());
        Assert.Equal(1, article.GetProperty("shares").GetProperty("totalItems").GetInt32());
        Assert.Equal(1, article.GetProperty("replies").GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Replies_show_on_the_article_page_newest_first_with_a_count_of_the_rest_and_one_deleted_by_its_author_goes()
    {
        await _site.PublishAsync("story.md", Samples.Article("A story", Now(), extra: "slug: story"));
        for (var number = 1; number <= 3; number++)
        {
            Assert.Equal(202, await PostToInboxAsync(Reply(Alice, number, $"<p>Reply number {number}</p>", $"2026-11-0{number}T10:00:00Z"), Alice));
        }
        await _site.DrainRenderQueueAsync();

        var page = await GetPageAsync("articles/story");
        Assert.Contains($"<a href=\"{Alice}\" rel=\"nofollow ugc noopener\">Alice</a>", page);
        Assert.True(page.IndexOf("Reply number 3", StringComparison.Ordinal) < page.IndexOf("Reply number 2", StringComparison.Ordinal));
        Assert.DoesNotContain("Reply number 1", page);
        Assert.Contains("And one more reply.", page);

        var delete = new JsonObject { ["id"] = Alice + "/notes/3#delete", ["type"] = "Delete", ["actor"] = Alice, ["object"] = new JsonObject { ["id"] = Alice + "/notes/3", ["type"] = "Tombstone" } };
        Assert.Equal(202, await PostToInboxAsync(delete, Alice));
        await _site.DrainRenderQueueAsync();

        page = await GetPageAsync("articles/story");
        Assert.DoesNotContain("Reply number 3", page);
        Assert.True(page.IndexOf("Reply number 2", StringComparison.Ordinal) < page.IndexOf("Reply number 1", StringComparison.Ordinal));
        Assert.DoesNotContain("more repl", page);
        Assert.Equal(2, (await GetJsonAsync("articles/story")).GetProperty("replies").GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Reply_deleted_by_someone_else_stays()
    {
        await _site.PublishAsync("story.md", Samples.Article("A story", Now(), extra: "slug: story"));
        await PostToInboxAsync(Reply(Alice, 1, "<p>Mine</p>", Now()), Alice);

        await PostToInboxAsync(new JsonObject { ["id"] = Bob + "#delete", ["type"] = "Delete", ["actor"] = Bob, ["object"] = Alice + "/notes/1" }, Bob);
        await _site.DrainRenderQueueAsync();

        Assert.Contains("Mine", await GetPageAsync("articles/story"));
    }

    [Fact]
    public async Task Reply_carrying_script_and_html_is_shown_inert()
    {
        await _site.PublishAsync("story.md", Samples.Article("A story", Now(), extra: "slug: story"));

        await PostToInboxAsync(Reply(Bob, 1, "<p>Nice<script>alert(2)</script><img src=x onerror=alert(3)><a href=\"javascript:alert(4)\">more</a></p>", Now()), Bob);
        await _site.DrainRenderQueueAsync();

        var page = await GetPageAsync("articles/story");
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;Bob</a>", page);
        Assert.Contains("<div class=\"reply\"><p>Nice<a rel=\"nofollow ugc noopener\">more</a></p></div>", page);
        Assert.DoesNotContain("alert(2)", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.DoesNotContain("javascript:", page);
    }
}
