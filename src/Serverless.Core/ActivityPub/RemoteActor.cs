namespace Serverless.Core.ActivityPub;

/// <summary>What the site needs of another server's actor: where to deliver, and the key it signs with.</summary>
public sealed record RemoteActor(string Id, string Inbox, string SharedInbox, string KeyId, string PublicKeyPem)
{
    /// <summary>What the actor calls itself (<c>name</c>, else <c>preferredUsername</c>); its id when it says neither.</summary>
    public string Name { get; init; } = Id;
}
