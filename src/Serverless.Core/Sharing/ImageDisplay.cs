namespace Serverless.Core.Sharing;

/// <summary>How a platform shows the shared image.</summary>
public enum ImageDisplay
{
    /// <summary>Full width above or beside the text.</summary>
    Large,

    /// <summary>A small square thumbnail beside the text.</summary>
    SmallSquare,

    /// <summary>No image at all.</summary>
    None,
}
