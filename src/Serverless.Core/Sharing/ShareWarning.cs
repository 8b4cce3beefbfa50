namespace Serverless.Core.Sharing;

/// <summary>Something a platform will show badly: which platform (or <see cref="ShareRules.AllPlatforms"/>), the rule, what happens, what to change.</summary>
public sealed record ShareWarning(string Platform, string Rule, string Message, string Fix);
