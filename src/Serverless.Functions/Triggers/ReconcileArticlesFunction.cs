using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;

namespace Serverless.Functions.Triggers;

/// <summary>The safety net: publishes what events missed and unpublishes deleted blobs (deletions fire no blob trigger).</summary>
public sealed class ReconcileArticlesFunction(ArticleReconciler reconciler)
{
    /// <summary>Every five minutes by default; the app setting <c>ReconcileSchedule</c> (NCRONTAB) overrides it.</summary>
    [Function(nameof(ReconcileArticles))]
    public Task<ReconcileReport> ReconcileArticles(
        [TimerTrigger("%ReconcileSchedule%", RunOnStartup = false)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(cancellationToken);
}
