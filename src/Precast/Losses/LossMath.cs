using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Losses;

/// <summary>Vector functions the losses need beyond <c>Precast.Kernels.VectorMath</c>.</summary>
internal static class LossMath
{
    /// <summary>Elementwise natural logarithm of float or double lanes (the only element types the vector paths run for).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Log<T>(Vector<T> x)
    {
        if (typeof(T) == typeof(float))
            return Vector.Log(x.As<T, float>()).As<float, T>();
        return Vector.Log(x.As<T, double>()).As<double, T>();
    }
}
