using Precast.Metrics;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Metrics;

public class RegressionErrorsTests
{
    [Fact]
    public void WorkedValues()
    {
        // Differences [1, −2, 0, 3] in two batches: MAE 6/4 = 1.5, MSE 14/4 = 3.5, RMSE √3.5.
        var errors = new RegressionErrors();
        errors.Update([2f, 0f], [1f, 2f]);
        errors.Update([5f, 3f], [5f, 0f]);
        Assert.Equal(4, errors.Count);
        Assert.Equal(1.5, errors.MeanAbsoluteError);
        Assert.Equal(3.5, errors.MeanSquaredError);
        Assert.Equal(Math.Sqrt(3.5), errors.RootMeanSquaredError);
        Assert.Equal(errors.MeanAbsoluteError, errors.Value);
        Assert.Equal("mean absolute error", errors.Name);
    }

    [Fact]
    public void AMillionValuesInSmallBatchesStayAccurate()
    {
        // 1,000 batches of 1,000 floats against the compensated double sum of the same differences.
        const int Batches = 1000, Size = 1000;
        var errors = new RegressionErrors();
        double absolute = 0, absoluteCompensation = 0;
        for (int b = 0; b < Batches; b++)
        {
            float[] outputs = TestData.ToSingle(TestData.Uniform(Size, seed: 2 * b, scale: 3));
            float[] targets = TestData.ToSingle(TestData.Uniform(Size, seed: 2 * b + 1, scale: 3));
            errors.Update(outputs, targets);
            for (int i = 0; i < Size; i++)
            {
                // Kahan's sum of the exact float differences' magnitudes.
                double term = Math.Abs((double)outputs[i] - targets[i]) - absoluteCompensation;
                double total = absolute + term;
                absoluteCompensation = (total - absolute) - term;
                absolute = total;
            }
        }
        double expected = absolute / (Batches * Size);
        Assert.True(Math.Abs(errors.MeanAbsoluteError - expected) <= 1e-6 * expected, $"MAE {errors.MeanAbsoluteError:R}, reference {expected:R}.");
    }

    [Fact]
    public void EmptyIsZeroAndResetForgets()
    {
        var errors = new RegressionErrors();
        Assert.Equal(0, errors.MeanAbsoluteError);
        Assert.Equal(0, errors.RootMeanSquaredError);
        errors.Update([1.0, 2.0], [0.0, 0.0]);
        errors.Reset();
        Assert.Equal(0, errors.Count);
        Assert.Equal(0, errors.MeanSquaredError);
    }

    [Fact]
    public void ABadBatchIsNamedAndChangesNothing()
    {
        var errors = new RegressionErrors();
        errors.Update([1.0], [0.0]);
        var error = Assert.Throws<ArgumentException>(() => errors.Update(new double[3], new double[2]));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("RegressionErrors.Update: 'targets' has 2 values; expected 3, one per output.", error.Message);
        Assert.Equal(1, errors.Count);
        Assert.Equal(1, errors.MeanAbsoluteError);
    }

    [Fact]
    public void UpdatingAllocatesNothing()
    {
        var errors = new RegressionErrors();
        IMetric<double, double> metric = errors;
        float[] outputs = new float[643];
        double[] wide = new double[643];
        Allocations.AssertNone(() =>
        {
            errors.Update(outputs, outputs);
            metric.Update(wide, wide);
        });
    }
}
