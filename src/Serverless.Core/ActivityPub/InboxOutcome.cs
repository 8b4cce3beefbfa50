namespace Serverless.Core.ActivityPub;

/// <summary>What the inbox made of a POST: the status to answer, and why (logged; for a refusal, also the body).</summary>
public sealed record InboxOutcome(int Status, string Reason);
