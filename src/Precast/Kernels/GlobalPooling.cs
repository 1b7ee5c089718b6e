namespace Precast.Kernels;

/// <summary>The argument checks <see cref="GlobalAvgPool2D"/> and <see cref="GlobalMaxPool2D"/> share.</summary>
internal static class GlobalPooling
{
    /// <summary>Checks the dimensions, a <c>[batch, channels, inner]</c> span and a <c>[batch, channels]</c> one.</summary>
    public static void Validate(int mapsLength, int pooledLength, int batch, int channels, int inner, string method, string mapsName, string pooledName)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(channels, method, nameof(channels));
        KernelGuard.Positive(inner, method, nameof(inner));
        KernelGuard.Tensor(mapsLength, batch, channels, inner, method, mapsName, nameof(batch), nameof(channels), nameof(inner));
        KernelGuard.Matrix(pooledLength, batch, channels, method, pooledName, nameof(batch), nameof(channels));
    }
}
