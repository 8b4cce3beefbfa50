using Serverless.Core.Http;

namespace Serverless.LocalServer.Hosting;

/// <summary>
/// Stands before every path of the admin API (<c>/api/admin/…</c>) and of the author pages (<c>/admin/…</c>), routed
/// or not: without the admin key the answer is the same 401 whatever the path, so that nobody can probe which routes
/// exist. Checked before routing runs any endpoint, as the Functions host checks a function key.
/// </summary>
public static class AdminGate
{
    public static IApplicationBuilder UseAdminGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!IsProtected(request.Path) || context.RequestServices.GetRequiredService<AdminKey>().Accepts(request))
        {
            await next(context);
            return;
        }
        await Unauthorized.ExecuteAsync(context);
    });

    internal static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/" + Routes.AdminPrefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/" + Routes.AuthorPages, StringComparison.OrdinalIgnoreCase);

    /// <summary>One answer for every protected path: it names no route, blob or article.</summary>
    private static readonly IResult Unauthorized = Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
        detail: $"Pass the admin key in the {AdminKey.Header} header or the {AdminKey.QueryParameter} query parameter.");
}
