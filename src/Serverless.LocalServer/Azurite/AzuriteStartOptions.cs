namespace Serverless.LocalServer.Azurite;

/// <summary>How <see cref="AzuriteProcess.StartAsync"/> runs the Azurite storage emulator.</summary>
public sealed record AzuriteStartOptions
{
    /// <summary>
    /// Folder Azurite persists its data in (created if missing). <c>null</c> keeps everything in memory,
    /// which is what tests want: nothing to clean up and no state leaking between runs.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Folder holding the package.json/package-lock.json that pin Azurite. <c>null</c> finds it by walking up
    /// from <see cref="AppContext.BaseDirectory"/>, then from the current directory, to the first folder that
    /// contains both package-lock.json and Serverless.sln (or Serverless.slnx).
    /// </summary>
    public string? ToolsDirectory { get; init; }

    /// <summary>
    /// How long Azurite may take from launch until all three services accept connections.
    /// The one-off <c>npm ci</c> on first use is not counted.
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Ports to bind. <c>null</c> lets the OS pick free ones, which is what every caller wants but one that restarts an
    /// Azurite where the previous instance was (<see cref="AzuriteProcess.Ports"/>), so that clients carry on.
    /// </summary>
    public AzuritePorts? Ports { get; init; }
}

/// <summary>The ports of Azurite's three services.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table);
