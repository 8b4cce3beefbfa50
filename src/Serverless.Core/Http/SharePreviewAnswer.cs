using Microsoft.AspNetCore.Http;
using Serverless.Core.Sharing;

namespace Serverless.Core.Http;

/// <summary>A share preview for the JSON and HTML answers alike, or the problem answer that says why there is none.</summary>
internal sealed record SharePreviewAnswer(string BlobName, SharePreview? Share, IResult? Problem);
