using System.Numerics;

namespace Precast.Kernels;

/// <summary>An elementwise function of two values, in scalar and vector form, for <see cref="Elementwise"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IBinaryOperator<T>
{
    /// <summary>The function of one pair of values.</summary>
    T Invoke(T a, T b);

    /// <summary>The function of every pair of lanes; must agree with the scalar form.</summary>
    Vector<T> Invoke(Vector<T> a, Vector<T> b);
}
