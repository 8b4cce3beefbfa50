namespace Serverless.Core.ActivityPub;

/// <summary>A reply to an article as the inbox received it: the note's id, its author, its sanitized text, where to read it, and when it was written.</summary>
public sealed record ReceivedReply(string NoteId, string Actor, string AuthorName, string Content, string Url, DateTimeOffset Published);
