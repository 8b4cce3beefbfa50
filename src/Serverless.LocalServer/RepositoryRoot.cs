namespace Serverless.LocalServer;

/// <summary>The repository checkout the local server runs from: where package-lock.json (Azurite) and the sample articles live.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        string[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "package-lock.json"))
                    && File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException(
            $"Could not find the repository (the folder holding package-lock.json and Serverless.sln) above '{AppContext.BaseDirectory}' or '{Directory.GetCurrentDirectory()}'. Run the local server from a checkout of the repository.");
    }
}
