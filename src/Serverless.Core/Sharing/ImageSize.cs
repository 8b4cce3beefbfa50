namespace Serverless.Core.Sharing;

/// <summary>An image's size in pixels.</summary>
public sealed record ImageSize(int Width, int Height)
{
    public bool AtLeast(ImageSize minimum) => Width >= minimum.Width && Height >= minimum.Height;

    public double Ratio => (double)Width / Height;

    public override string ToString() => $"{Width}×{Height}";
}
