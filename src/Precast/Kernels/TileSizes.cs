namespace Precast.Kernels;

/// <summary>The <see cref="ITileSize"/> values the GEMM micro-kernels are instantiated with.</summary>
internal static class TileSizes
{
    /// <summary>1.</summary>
    internal readonly struct One : ITileSize { public static int Value => 1; }

    /// <summary>2.</summary>
    internal readonly struct Two : ITileSize { public static int Value => 2; }

    /// <summary>3.</summary>
    internal readonly struct Three : ITileSize { public static int Value => 3; }

    /// <summary>4.</summary>
    internal readonly struct Four : ITileSize { public static int Value => 4; }

    /// <summary>5.</summary>
    internal readonly struct Five : ITileSize { public static int Value => 5; }

    /// <summary>6.</summary>
    internal readonly struct Six : ITileSize { public static int Value => 6; }
}
