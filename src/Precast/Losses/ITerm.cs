using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// One term of a loss's sum and its derivative, in scalar and vector form, for <see cref="TermSum"/>:
/// the per-element part of a loss (<c>(y − t)²</c> and <c>2(y − t)</c>) or of a row reduction
/// (<c>e^(x − max)</c>, which is its own derivative). A struct type argument, so the JIT inlines it
/// into the summing loop.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface ITerm<T>
{
    /// <summary>The term of one pair of values; <paramref name="derivative"/> receives its derivative with respect to <paramref name="a"/>.</summary>
    T Invoke(T a, T b, out T derivative);

    /// <summary>The term of every pair of lanes; must agree with the scalar form.</summary>
    Vector<T> Invoke(Vector<T> a, Vector<T> b, out Vector<T> derivative);
}
