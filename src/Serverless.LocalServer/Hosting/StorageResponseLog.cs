using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace Serverless.LocalServer.Hosting;

/// <summary>
/// Logs the storage SDK's error answers, with the ones publishing expects at debug level: 404 for a blob that is new,
/// 409 for a container that exists, 412 for a lost optimistic write, 304. Only unexpected ones are warnings.
/// It replaces the SDK's own log forwarding (category <c>Azure.Core</c>, turned off in appsettings.json), which
/// logs them all as warnings.
/// </summary>
public sealed partial class StorageResponseLog : IDisposable
{
    private const string CoreEventSource = "Azure-Core";
    private readonly AzureEventSourceListener _listener;
    private readonly ILogger _logger;

    public StorageResponseLog(ILogger<StorageResponseLog> logger)
    {
        _logger = logger;
        _listener = new AzureEventSourceListener(OnEvent, EventLevel.Warning);
    }

    private void OnEvent(EventWrittenEventArgs e, string message)
    {
        if (e.EventSource.Name != CoreEventSource)
        {
            return;
        }
        var status = e.EventName == "ErrorResponse" && e.Payload is [_, int code, ..] ? code : 0;
        if (status is 304 or 404 or 409 or 412)
        {
            LogExpected(status, message);
        }
        else
        {
            LogUnexpected(message);
        }
    }

    public void Dispose() => _listener.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storage answered {Status}, as expected: {Response}")]
    private partial void LogExpected(int status, string response);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage: {Response}")]
    private partial void LogUnexpected(string response);
}
