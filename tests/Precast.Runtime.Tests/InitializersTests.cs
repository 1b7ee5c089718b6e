using System.Numerics;

namespace Precast.Runtime.Tests;

public class InitializersTests
{
    private const int Count = 100_000;

    [Fact]
    public void GlorotUniformStaysInItsBoundsWithItsVariance()
    {
        var rng = new Rng(1);
        var weights = new float[Count];
        Initializers.GlorotUniform<float>(weights, 784, 128, ref rng);
        double limit = Math.Sqrt(6.0 / (784 + 128));
        AssertUniform(weights, limit);
    }

    [Fact]
    public void HeUniformStaysInItsBoundsWithItsVariance()
    {
        var rng = new Rng(2);
        var weights = new double[Count];
        Initializers.HeUniform<double>(weights, 50, ref rng);
        AssertUniform(weights, Math.Sqrt(6.0 / 50));
    }

    [Fact]
    public void GlorotNormalHasItsDeviation()
    {
        var rng = new Rng(3);
        var weights = new double[Count];
        Initializers.GlorotNormal<double>(weights, 100, 300, ref rng);
        AssertMoments(weights, variance: 2.0 / 400);
    }

    [Fact]
    public void HeNormalHasItsDeviation()
    {
        var rng = new Rng(4);
        var weights = new float[Count];
        Initializers.HeNormal<float>(weights, 128, ref rng);
        AssertMoments(weights, variance: 2.0 / 128);
    }

    [Fact]
    public void SameSeedSameWeights()
    {
        var a = new Rng(5);
        var b = new Rng(5);
        var first = new float[100];
        var second = new float[100];
        Initializers.HeNormal<float>(first, 10, ref a);
        Initializers.HeNormal<float>(second, 10, ref b);
        Assert.Equal(first, second);
    }

    [Fact]
    public void NonPositiveFansAreRejected()
    {
        var rng = new Rng(6);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.GlorotUniform<float>(new float[4], 2, 0, ref rng));
        Assert.Equal("fanOut", error.ParamName);
        Assert.Contains("Initializers.GlorotUniform: 'fanOut' is 0; expected a size of 1 or more.", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.HeNormal<float>(new float[4], -3, ref rng));
        Assert.Equal("fanIn", error.ParamName);
    }

    /// <summary>Every weight within ±limit; variance limit²/3 (that of U(−limit, limit)) within 2%; mean near 0.</summary>
    private static void AssertUniform<T>(T[] weights, double limit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.All(weights, w => Assert.InRange(double.CreateTruncating(w), -limit, limit));
        AssertMoments(weights, limit * limit / 3);
    }

    private static void AssertMoments<T>(T[] weights, double variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double mean = weights.Average(w => double.CreateTruncating(w));
        double sampleVariance = weights.Average(w => Math.Pow(double.CreateTruncating(w) - mean, 2));
        Assert.Equal(0, mean, 5 * Math.Sqrt(variance / weights.Length));
        Assert.Equal(variance, sampleVariance, 0.02 * variance);
    }
}
