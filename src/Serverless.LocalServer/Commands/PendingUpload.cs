namespace Serverless.LocalServer.Commands;

/// <summary>A file uploaded (or found unchanged) and reported, waiting for both stages to process this very content.</summary>
/// <param name="Index">Its place among the files of the run: results are printed and returned in that order.</param>
/// <param name="Md5">Base64 MD5 of the content uploaded, as ingest records it.</param>
/// <param name="Unchanged">The blob already held this content, so nothing was uploaded.</param>
public sealed record PendingUpload(int Index, string File, string Blob, string Md5, bool Unchanged);
