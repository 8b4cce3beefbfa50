using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Http;
using Serverless.Core.Render.Outputs;
using Serverless.Core.Rendering;

namespace Serverless.Core.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Reader search: its options (validated at start-up), the stored index, the stage-2 output that feeds it, the merge, the query side and its routes' handlers.</summary>
    public static IServiceCollection AddServerlessSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SearchStore>();
        services.AddSingleton<SegmentCache>();
        services.AddSingleton<SearchIndexMerger>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<IArticleOutput, SearchOutput>();
        services.AddSingleton<SearchPageRenderer>();
        services.AddSingleton<SearchHandlers>();
        return services;
    }
}
