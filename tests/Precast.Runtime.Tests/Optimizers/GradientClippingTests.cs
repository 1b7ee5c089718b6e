using System.Numerics;
using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

public class GradientClippingTests
{
    /// <summary>
    /// A million float gradients k/1024 for small integers k: their squares and every partial sum are
    /// exact in double, so the exact norm is known. A float running total would be off by about 1e-4.
    /// </summary>
    [Fact]
    public void Norm_OfAMillionFloats_IsExactToDoublePrecision()
    {
        var random = new Random(5);
        float[] gradients = new float[1_000_003];
        long sumOfSquares = 0;
        for (int i = 0; i < gradients.Length; i++)
        {
            int k = random.Next(-1000, 1001);
            gradients[i] = k / 1024f;
            sumOfSquares += (long)k * k;
        }
        double exact = Math.Sqrt(sumOfSquares) / 1024;
        float naive = 0;
        foreach (float g in gradients)
            naive += g * g;

        double norm = GradientClipping.Norm<float>(gradients);

        Assert.Equal(exact, norm, exact * 1e-15);
        Assert.True(Math.Abs(Math.Sqrt(naive) - exact) > exact * 1e-5, "the data should show a float running total's drift");
    }

    [Fact]
    public void Norm_OfDoubles_IsCompensated()
    {
        // One large value then many small ones: a plain double sum drops the small ones' low bits.
        double[] gradients = new double[100_001];
        gradients[0] = 1e8;
        Array.Fill(gradients, 1e-3, 1, 100_000);
        double exact = Math.Sqrt(1e16 + 100_000 * 1e-6);

        Assert.Equal(exact, GradientClipping.Norm<double>(gradients), exact * 1e-16);
        Assert.Equal(1e8 + 100, GradientClipping.Norm<double>(gradients, normType: 1), 1e-8);
        Assert.Equal(1e8, GradientClipping.Norm<double>(gradients, double.PositiveInfinity));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(0.5)]
    [InlineData(double.PositiveInfinity)]
    public void Norm_IsThePNorm(double p)
    {
        double[] values = [3, -4, 0, 1.5, -0.25, 2, 7, -1, 0.5, 6, -2];
        double expected = double.IsPositiveInfinity(p) ? 7 : Math.Pow(values.Sum(v => Math.Pow(Math.Abs(v), p)), 1 / p);

        Assert.Equal(expected, GradientClipping.Norm<double>(values, p), expected * 1e-15);
        Assert.Equal(expected, GradientClipping.Norm<float>(values.Select(v => (float)v).ToArray(), p), expected * 1e-15);
    }

    [Fact]
    public void ClipByNorm_BelowTheLimit_LeavesTheGradientsAndReturnsTheNorm()
    {
        float[] gradients = [3, 4];

        double norm = GradientClipping.ClipByNorm<float>(gradients, maxNorm: 5.1);

        Assert.Equal(5, norm);
        Assert.Equal([3f, 4f], gradients);
    }

    [Fact]
    public void ClipByNorm_AboveTheLimit_ScalesAsTorchDoes()
    {
        double[] gradients = [30, 40, 0, -120];

        double norm = GradientClipping.ClipByNorm<double>(gradients, maxNorm: 2);

        double coefficient = 2 / (130 + 1e-6);
        Assert.Equal(130, norm);
        Assert.Equal([30 * coefficient, 40 * coefficient, 0, -120 * coefficient], gradients);
        Assert.Equal(2, GradientClipping.Norm<double>(gradients), 1e-7);
    }

    [Fact]
    public void ClipByNorm_WithANaNGradient_SpreadsNaNOrThrowsWhenAsked()
    {
        float[] gradients = [1, float.NaN, 2];

        var error = Assert.Throws<InvalidOperationException>(() => GradientClipping.ClipByNorm<float>(gradients, 1, errorIfNonFinite: true));
        Assert.Equal([1f, float.NaN, 2f], gradients);
        double norm = GradientClipping.ClipByNorm<float>(gradients, 1);

        Assert.Contains("GradientClipping.ClipByNorm: the 2-norm of the 3 gradients is NaN, so they cannot be clipped", error.Message);
        Assert.True(double.IsNaN(norm));
        Assert.All(gradients, g => Assert.True(float.IsNaN(g)));
    }

    [Fact]
    public void ClipByNorm_WithAnInfiniteGradient_ReturnsInfinity()
    {
        double[] gradients = [1, double.NegativeInfinity];

        Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByNorm<double>(gradients, 1));
        Assert.Equal(0, gradients[0]);
    }

    [Fact]
    public void ClipByValue_ClampsAndKeepsNaN()
    {
        float[] gradients = [-3, -0.5f, 0.25f, 0.5f, 7, float.NaN, float.PositiveInfinity];

        GradientClipping.ClipByValue<float>(gradients, 0.5);

        Assert.Equal([-0.5f, -0.5f, 0.25f, 0.5f, 0.5f, float.NaN, 0.5f], gradients);
    }

    [Fact]
    public void Clipping_ModelOverloads_WorkOnTheModelsGradients()
    {
        var model = TensorTestModel<double>.Mlp();
        double[] expected = model.Gradients.ToArray();
        double expectedNorm = GradientClipping.ClipByNorm<double>(expected, 0.1);
        GradientClipping.ClipByValue<double>(expected, 0.01);

        double norm = GradientClipping.ClipByNorm(model, 0.1);
        GradientClipping.ClipByValue(model, 0.01);

        Assert.Equal(expectedNorm, norm);
        Assert.Equal(expected, model.Gradients.ToArray());
    }

    [Theory]
    [InlineData(-1.0, 2.0, "maxNorm", "GradientClipping.ClipByNorm: maxNorm is -1; expected a finite value of at least 0.")]
    [InlineData(double.NaN, 2.0, "maxNorm", "maxNorm is NaN")]
    [InlineData(1.0, 0.0, "normType", "GradientClipping: normType is 0; expected a positive p, or infinity for the largest magnitude.")]
    [InlineData(1.0, double.NaN, "normType", "normType is NaN")]
    public void ClipByNorm_RejectsBadArguments(double maxNorm, double normType, string argument, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm<float>(new float[3], maxNorm, normType));

        Assert.Equal(argument, error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ClipByValue_RejectsANegativeLimit()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue<double>(new double[3], -0.1));

        Assert.Contains("GradientClipping.ClipByValue: clipValue is -0.1; expected a finite value of at least 0.", error.Message);
    }

    [Fact]
    public void Clipping_AllocatesNothing()
    {
        float[] gradients = Enumerable.Range(0, 1003).Select(i => MathF.Sin(i)).ToArray();

        Allocations.AssertNone(() =>
        {
            GradientClipping.ClipByNorm<float>(gradients, 1.0);
            GradientClipping.ClipByNorm<float>(gradients, 1.0, normType: 3);
            GradientClipping.ClipByNorm<float>(gradients, 1.0, double.PositiveInfinity);
            GradientClipping.ClipByValue<float>(gradients, 0.01);
        });
    }
}
