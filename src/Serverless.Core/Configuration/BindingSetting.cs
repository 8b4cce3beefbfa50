namespace Serverless.Core.Configuration;

/// <summary>One flat app setting a trigger binding reads, and the <c>Storage</c> property it sets.</summary>
/// <param name="Name">The flat setting, e.g. <c>RENDER_QUEUE_NAME</c>, read by the binding as <c>%RENDER_QUEUE_NAME%</c>.</param>
/// <param name="StorageProperty">The <see cref="StorageOptions"/> property it sets, also settable as <c>Storage:{StorageProperty}</c>.</param>
/// <param name="Set">Writes the value into the options.</param>
public sealed record BindingSetting(string Name, string StorageProperty, Action<StorageOptions, string> Set);
