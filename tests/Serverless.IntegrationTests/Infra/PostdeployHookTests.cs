using Serverless.LocalServer;

namespace Serverless.IntegrationTests.Infra;

/// <summary>
/// Both azd postdeploy hooks, run against a stub <c>az</c> first on the PATH that records its arguments and answers
/// like the Azure CLI: the hook sh runs on Linux and macOS, the PowerShell one (pwsh, the repository's dotnet tool) on
/// Windows. Nothing reaches Azure.
/// </summary>
public sealed class PostdeployHookTests
{
    private const string Subscription = "00000000-1111-2222-3333-444444444444";
    private const string Group = "rg-serverless-dev";
    private const string App = "func-serverless-abc";
    private const string HostName = "func-serverless-abc.azurewebsites.net";
    private const string ExtensionKey = "host-Key_1==";
    private const string WebhookKey = "fn-Key_2==";
    private const char Separator = '\u001f';

    private static readonly Lazy<Task> PowerShellRestored = new(() => ProcessRunner.RunAsync("dotnet", ["tool", "restore"], workingDirectory: RepositoryRoot.Find()));

    /// <summary>Records each call as one line of arguments; answers the three reads; fails the key read when asked to.</summary>
    private const string StubAz = """
        #!/bin/sh
        for argument in "$@"; do printf '%s\037' "$argument"; done >>"$AZ_STUB_LOG"
        printf '\n' >>"$AZ_STUB_LOG"
        case "$1 $2" in
          "functionapp keys")
            if [ "${AZ_STUB_FAIL:-}" = keys ]; then
              echo "ERROR: (SubscriptionNotFound) The subscription '$AZURE_SUBSCRIPTION_ID' could not be found." >&2
              exit 1
            fi
            echo 'host-Key_1==' ;;
          "functionapp function") echo 'fn-Key_2==' ;;
          "functionapp show") echo 'func-serverless-abc.azurewebsites.net' ;;
        esac
        """;

    public static TheoryData<string> Hooks => new() { "postdeploy.sh", "postdeploy.ps1" };

    [Theory]
    [MemberData(nameof(Hooks))]
    public async Task Every_az_call_names_azds_subscription_and_the_webhooks_get_their_exact_urls(string hook)
    {
        using var run = new HookRun();

        var result = await run.RunAsync(hook);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        string[] common = ["--subscription", Subscription, "--resource-group", Group];
        Assert.Equal<string[]>(
        [
            ["functionapp", "keys", "list", .. common, "--name", App, "--query", "systemKeys.blobs_extension", "--output", "tsv"],
            ["functionapp", "function", "keys", "list", .. common, "--name", App, "--function-name", "ReceiveBlobEvents", "--query", "default", "--output", "tsv"],
            ["functionapp", "show", .. common, "--name", App, "--query", "defaultHostName", "--output", "tsv"],
            Subscribe("publish-article-blob-created", $"https://{HostName}/runtime/webhooks/blobs?functionName=Host.Functions.PublishArticle&code={ExtensionKey}", "Microsoft.Storage.BlobCreated"),
            Subscribe("unpublish-article-blob-deleted", $"https://{HostName}/api/admin/events/blobs?code={WebhookKey}", "Microsoft.Storage.BlobDeleted"),
        ], run.Calls());
    }

    /// <summary>A wrong subscription or a missing login must read as itself, not as a key that never appeared.</summary>
    [Theory]
    [MemberData(nameof(Hooks))]
    public async Task An_az_error_is_shown_on_every_try_and_fails_the_hook_after_the_last(string hook)
    {
        using var run = new HookRun();

        var result = await run.RunAsync(hook, ("AZ_STUB_FAIL", "keys"), ("POSTDEPLOY_ATTEMPTS", "2"), ("POSTDEPLOY_INTERVAL_SECONDS", "0"));

        Assert.NotEqual(0, result.ExitCode);
        var shown = result.Error + result.Output;
        Assert.Equal(2, shown.Split($"(SubscriptionNotFound) The subscription '{Subscription}' could not be found.").Length - 1);
        Assert.Equal(2, run.Calls().Count);
        Assert.All(run.Calls(), call => Assert.Equal(["functionapp", "keys", "list"], call.Take(3)));
    }

    private static string[] Subscribe(string name, string endpoint, string eventType) =>
    [
        "eventgrid", "system-topic", "event-subscription", "create", "--subscription", Subscription, "--resource-group", Group,
        "--system-topic-name", "evgt-serverless-abc", "--name", name, "--endpoint-type", "webhook", "--endpoint", endpoint,
        "--included-event-types", eventType, "--subject-begins-with", "/blobServices/default/containers/articles/",
        "--max-events-per-batch", "1", "--max-delivery-attempts", "30", "--event-ttl", "1440", "--output", "none",
    ];

    /// <summary>A scratch folder with the stub az and the log of its calls.</summary>
    private sealed class HookRun : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("flex-hook-").FullName;

        private string Log => Path.Combine(_folder, "az.log");

        public async Task<ProcessResult> RunAsync(string hook, params (string Name, string Value)[] extra)
        {
            var stub = Path.Combine(_folder, "az");
            await File.WriteAllTextAsync(stub, StubAz.ReplaceLineEndings("\n") + "\n");
            if (OperatingSystem.IsWindows())
            {
                Assert.Skip("The stub az is a sh script; on Windows the hook would call az.cmd, which this stub does not imitate.");
            }
            else
            {
                File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var root = RepositoryRoot.Find();
            var environment = new Dictionary<string, string>
            {
                ["PATH"] = _folder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["AZ_STUB_LOG"] = Log,
                ["AZURE_SUBSCRIPTION_ID"] = Subscription,
                ["AZURE_RESOURCE_GROUP"] = Group,
                ["FUNCTION_APP_NAME"] = App,
                ["EVENT_GRID_SYSTEM_TOPIC_NAME"] = "evgt-serverless-abc",
                ["ARTICLES_CONTAINER_NAME"] = "articles",
                ["PUBLISH_FUNCTION_NAME"] = "PublishArticle",
                ["BLOB_EVENTS_FUNCTION_NAME"] = "ReceiveBlobEvents",
                ["BLOB_EVENTS_ROUTE"] = "api/admin/events/blobs",
                // One try: the stub answers at once or fails for good, so the hooks never sleep here.
                ["POSTDEPLOY_ATTEMPTS"] = "1",
                ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
                ["POWERSHELL_UPDATECHECK"] = "Off",
            };
            foreach (var (name, value) in extra)
            {
                environment[name] = value;
            }
            var script = Path.Combine(root, "infra", "hooks", hook);
            if (hook.EndsWith(".ps1", StringComparison.Ordinal))
            {
                await PowerShellRestored.Value;
                return await ProcessRunner.RunToEndAsync("dotnet", ["tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", script], environment, root);
            }
            return await ProcessRunner.RunToEndAsync("sh", [script], environment, root);
        }

        public List<string[]> Calls() =>
            File.Exists(Log)
                ? File.ReadAllLines(Log).Select(line => line.TrimEnd(Separator).Split(Separator)).ToList()
                : [];

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
