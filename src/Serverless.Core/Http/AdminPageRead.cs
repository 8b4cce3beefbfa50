using Microsoft.AspNetCore.Http;
using Serverless.Core.Admin;

namespace Serverless.Core.Http;

/// <summary>A page of an admin listing as the query asked for it, or the problem answer that says what is wrong with the query.</summary>
internal sealed record AdminPageRead<T>(AdminPage<T>? Page, IResult? Problem);
