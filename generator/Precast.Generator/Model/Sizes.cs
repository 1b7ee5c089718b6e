using System.Collections.Generic;
using System.Numerics;

namespace Precast.Generator.Model;

/// <summary>Size arithmetic that cannot overflow, for messages about sizes too large to hold.</summary>
internal static class Sizes
{
    /// <summary>The exact product of the dimensions, however large: [100000, 2147483647, 65536, 65536] is about 9.2e23.</summary>
    public static BigInteger Product(IEnumerable<int> dimensions)
    {
        BigInteger product = BigInteger.One;
        foreach (int dimension in dimensions)
            product *= dimension;
        return product;
    }
}
