namespace Serverless.Core.Rendering;

/// <summary>The publisher logo the site serves at /logo.png unless <c>Site:LogoUrl</c> names another: shipped in the assembly.</summary>
public static class SiteLogo
{
    public const int Width = 512, Height = 512;

    public static ReadOnlyMemory<byte> Png { get; } = Load();

    /// <summary>Strong validator of the bytes above, for conditional requests.</summary>
    public static string ETag { get; } = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png.Span))[..16] + "\"";

    private static byte[] Load()
    {
        using var stream = typeof(SiteLogo).Assembly.GetManifestResourceStream("Serverless.Core.Rendering.Assets.logo.png")
            ?? throw new InvalidOperationException("The logo resource is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
