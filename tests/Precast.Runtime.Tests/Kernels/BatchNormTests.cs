using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class BatchNormTests
{
    [Fact]
    public void MatchesPyTorchOverThreeTrainingStepsAndInEvalMode()
    {
        // Values printed by PyTorch 1.13 (double precision): nn.BatchNorm2d(2, momentum=0.1, eps=1e-5) with
        // weight [1.5, -0.5], bias [0.25, 2.0], trained on x_k = base·(k + 1) + k for k = 0, 1, 2 where
        // base = (arange(16)·0.37) % 1.9 − 0.6 as [2, 2, 2, 2]; the last step backpropagates dy = sin(arange(16)).
        const int Batch = 2, Channels = 2, Inner = 4;
        double[] gamma = [1.5, -0.5], beta = [0.25, 2.0];
        double[] runningMean = [0, 0], runningVar = [1, 1];
        var saved = new double[2 * Channels];
        var x = new double[16];
        var y = new double[16];
        for (int k = 0; k < 3; k++)
        {
            for (int i = 0; i < 16; i++)
                x[i] = (i * 0.37 % 1.9 - 0.6) * (k + 1) + k;
            BatchNorm.ForwardTraining<double>(x, gamma, beta, y, saved, runningMean, runningVar, Batch, Channels, Inner, 0.1, 1e-5);
        }
        AssertNear([0.42884750000000005, 0.59294], runningMean, 1e-14);
        AssertNear([1.23703785, 1.1487713142857143], runningVar, 1e-14);
        AssertNear(
            [-1.9579669369216217, -0.9940167697699994, -0.030066602618377142, 0.9338835645332452, 1.6751730723765623, 1.3216849452569392,
             2.7834061195624082, 2.429917992442785, 0.803620028431675, 1.7675701955832974, 2.73152036273492, -1.2545438419731394,
             2.477686658269761, 2.124198531150138, 1.7707104040305148, 1.4172222769108918], y, 1e-13);

        double[] dy = Enumerable.Range(0, 16).Select(i => Math.Sin(i)).ToArray();
        var dx = new double[16];
        var dGamma = new double[2];
        var dBeta = new double[2];
        BatchNorm.Backward<double>(x, saved, gamma, dy, dx, dGamma, dBeta, Batch, Channels, Inner, accumulate: false);
        AssertNear(
            [-0.17682489930557566, 0.5482211227055027, 0.6014159858530962, -0.07139461166755584, 0.24068956210589548, 0.2966365939260815,
             0.11506048929858048, -0.19156425609266592, 0.6660067167594563, 0.15901088207756858, -0.6770305012894577, -1.0494046951330345,
             0.18967191609852876, -0.12342957821344287, -0.3135109510640767, -0.2135537760589007], dx, 1e-13);
        AssertNear([0.08181247360572065, -0.29919665425499276], dGamma, 1e-13);
        AssertNear([1.7493538341185104, 0.18633364522698992], dBeta, 1e-13);

        BatchNorm.ForwardInference<double>(x, gamma, beta, y, runningMean, runningVar, Batch, Channels, Inner, 1e-5);
        AssertNear(
            [-0.058634294634166945, 1.438362906750709, 2.935360108135585, 4.432357309520461, 0.11204792359533494, -0.40576668869338256,
             1.7354667080680721, 1.2176520957793542, 4.230060390414398, 5.727057591799274, 7.224054793184151, 1.0337690685385825,
             1.287627043385938, 0.7698124310972202, 0.25199781880850225, -0.26581679348021525], y, 1e-13);
    }

    // batch, channels, inner
    [Theory]
    [InlineData(3, 5, 7)]
    [InlineData(1, 3, 10)]   // one sample of 2-D maps: 10 values per channel
    [InlineData(4, 6, 1)]    // features [batch, D], as BatchNorm1d
    [InlineData(2, 17, 12)]
    [InlineData(2, 1, 1)]    // the fewest values training accepts
    public void TrainingAndInferenceMatchTheReferenceOverSeveralSteps(int batch, int channels, int inner)
    {
        CheckAgainstReference<float>(batch, channels, inner, ulps: 16);
        CheckAgainstReference<double>(batch, channels, inner, ulps: 16);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsMatchFiniteDifferences(bool accumulate)
    {
        const int Batch = 3, Channels = 4, Inner = 5;
        double[] x = TestData.Uniform(Batch * Channels * Inner, seed: 1, scale: 2);
        double[] gamma = TestData.Uniform(Channels, seed: 2, scale: 2);
        double[] beta = TestData.Uniform(Channels, seed: 3);
        double[] w = TestData.Uniform(x.Length, seed: 4);

        var saved = new double[2 * Channels];
        Train(x, gamma, beta, saved, Batch, Channels, Inner);
        double[] dGammaBefore = TestData.Uniform(Channels, seed: 5), dBetaBefore = TestData.Uniform(Channels, seed: 6);
        double[] dGamma = (double[])dGammaBefore.Clone(), dBeta = (double[])dBetaBefore.Clone();
        double[] dx = AccumulationCheck.Contribution(accumulate, x.Length,
            dx => BatchNorm.Backward<double>(x, saved, gamma, w, dx, dGamma, dBeta, Batch, Channels, Inner, accumulate));
        for (int c = 0; c < Channels; c++)
        {
            dGamma[c] -= dGammaBefore[c]; // parameter gradients are always added
            dBeta[c] -= dBetaBefore[c];
        }

        GradientCheck.Verify(point => GradientCheck.Weighted(Train(point, gamma, beta, new double[2 * Channels], Batch, Channels, Inner), w), x, dx);
        GradientCheck.Verify(point => GradientCheck.Weighted(Train(x, point, beta, new double[2 * Channels], Batch, Channels, Inner), w), gamma, dGamma);
        GradientCheck.Verify(point => GradientCheck.Weighted(Train(x, gamma, point, new double[2 * Channels], Batch, Channels, Inner), w), beta, dBeta);
    }

    [Fact]
    public void BackwardAccumulatesDxAndMaySkipIt()
    {
        const int Batch = 3, Channels = 5, Inner = 7;
        double[] x = TestData.Uniform(Batch * Channels * Inner, seed: 7);
        double[] gamma = TestData.Uniform(Channels, seed: 8);
        double[] dy = TestData.Uniform(x.Length, seed: 9);
        var saved = new double[2 * Channels];
        Train(x, gamma, new double[Channels], saved, Batch, Channels, Inner);
        float[] xf = TestData.ToSingle(x), gammaF = TestData.ToSingle(gamma), dyF = TestData.ToSingle(dy), savedF = TestData.ToSingle(saved);
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(x.Length, (dx, accumulate) =>
            BatchNorm.Backward<float>(xf, savedF, gammaF, dyF, dx, new float[Channels], new float[Channels], Batch, Channels, Inner, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(x.Length, (dx, accumulate) =>
            BatchNorm.Backward<double>(x, saved, gamma, dy, dx, new double[Channels], new double[Channels], Batch, Channels, Inner, accumulate));

        // Without dx the parameter gradients are the same; with dx = dy (not accumulating) dx is the same.
        var dGamma = new double[Channels];
        var dBeta = new double[Channels];
        var dx = new double[x.Length];
        BatchNorm.Backward<double>(x, saved, gamma, dy, dx, dGamma, dBeta, Batch, Channels, Inner, accumulate: false);
        var dGammaAlone = new double[Channels];
        var dBetaAlone = new double[Channels];
        BatchNorm.Backward<double>(x, saved, gamma, dy, [], dGammaAlone, dBetaAlone, Batch, Channels, Inner, accumulate: false);
        Assert.Equal(dGamma, dGammaAlone);
        Assert.Equal(dBeta, dBetaAlone);
        double[] inPlace = (double[])dy.Clone();
        BatchNorm.Backward<double>(x, saved, gamma, inPlace, inPlace, new double[Channels], new double[Channels], Batch, Channels, Inner, accumulate: false);
        Assert.Equal(dx, inPlace);
    }

    [Fact]
    public void FloatStatisticsAndGradientsOverFiftyThousandValuesStayAccurate()
    {
        // 64 samples of 28 × 28 maps, values near 100 with spread 1: float running sums would lose
        // three to four digits of the mean and more of the variance and the gradient sums.
        const int Batch = 64, Channels = 2, Inner = 784;
        float[] x = TestData.ToSingle(TestData.Uniform(Batch * Channels * Inner, seed: 10)).Select(v => 100 + v).ToArray();
        float[] dy = TestData.ToSingle(TestData.Uniform(x.Length, seed: 11));
        float[] gamma = [1.25f, -0.75f], beta = [0.5f, -1];
        var y = new float[x.Length];
        var saved = new float[2 * Channels];
        float[] runningMean = [0, 0], runningVar = [1, 1];
        BatchNorm.ForwardTraining<float>(x, gamma, beta, y, saved, runningMean, runningVar, Batch, Channels, Inner, 0.1f, 1e-5f);
        var dx = new float[x.Length];
        var dGamma = new float[Channels];
        var dBeta = new float[Channels];
        BatchNorm.Backward<float>(x, saved, gamma, dy, dx, dGamma, dBeta, Batch, Channels, Inner, accumulate: false);

        var reference = Reference.Run(TestData.ToDouble(x), TestData.ToDouble(gamma), TestData.ToDouble(beta), TestData.ToDouble(dy),
            [0, 0], [1, 1], Batch, Channels, Inner, 0.1, 1e-5);
        PoolingTests.AssertClose(reference.Saved, saved, 1);
        PoolingTests.AssertClose(reference.RunningMean, runningMean, 1);
        PoolingTests.AssertClose(reference.RunningVar, runningVar, 1);
        PoolingTests.AssertClose(reference.Y, y, 8);
        PoolingTests.AssertClose(reference.Dx, dx, 8);
        for (int c = 0; c < Channels; c++)
        {
            // Within a few float roundings of the sum's terms' magnitude (Σ|dy·x̂| ≈ 12,000 here).
            Assert.True(Math.Abs(dGamma[c] - reference.DGamma[c]) <= 1e-7 * reference.DGammaScale[c],
                $"dGamma[{c}] = {dGamma[c]:R}; expected {reference.DGamma[c]:R}.");
            Assert.True(Math.Abs(dBeta[c] - reference.DBeta[c]) <= 1e-7 * reference.DBetaScale[c],
                $"dBeta[{c}] = {dBeta[c]:R}; expected {reference.DBeta[c]:R}.");
        }
    }

    [Fact]
    public void TrainingWithOneValuePerChannelIsRefused()
    {
        // PyTorch: BatchNorm1d(3)(torch.ones(1, 3)) in training raises "Expected more than 1 value per channel when training".
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BatchNorm.ForwardTraining<float>(new float[3], new float[3], new float[3], new float[3], new float[6], new float[3], new float[3], 1, 3, 1, 0.1f, 1e-5f));
        Assert.Equal("batch", error.ParamName);
        Assert.Contains("BatchNorm.ForwardTraining: batch × inner = 1 × 1 = 1 value(s) per channel; training needs at least 2", error.Message);

        // Inference has no such limit.
        float[] y = new float[3];
        BatchNorm.ForwardInference<float>([1, 2, 3], [1, 1, 1], [0, 0, 0], y, [0, 0, 0], [1, 1, 1], 1, 3, 1, 0);
        Assert.Equal(new float[] { 1, 2, 3 }, y);
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        float[] x = new float[24], c3 = new float[3], y = new float[24], saved = new float[6];
        var error = Assert.Throws<ArgumentException>(() =>
            BatchNorm.ForwardTraining<float>(x, c3, c3, y, new float[5], new float[3], new float[3], 2, 3, 4, 0.1f, 1e-5f));
        Assert.Equal("saved", error.ParamName);
        Assert.Contains("'saved' has 5 values; expected 6 (2 × channels).", error.Message);
        var rangeError = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BatchNorm.ForwardTraining<float>(x, c3, c3, y, saved, new float[3], new float[3], 2, 3, 4, 1.5f, 1e-5f));
        Assert.Equal("momentum", rangeError.ParamName);
        rangeError = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BatchNorm.ForwardInference<float>(x, c3, c3, y, c3, c3, 2, 3, 4, -1e-5f));
        Assert.Equal("epsilon", rangeError.ParamName);
        Assert.Contains("BatchNorm.ForwardInference: 'epsilon' is", rangeError.Message);
        error = Assert.Throws<ArgumentException>(() =>
            BatchNorm.Backward<float>(x, saved, c3, y, new float[23], c3, new float[3], 2, 3, 4, accumulate: false));
        Assert.Equal("dx", error.ParamName);
        error = Assert.Throws<ArgumentException>(() =>
            BatchNorm.Backward<float>(x, saved, c3, y, x, new float[3], new float[3], 2, 3, 4, accumulate: false));
        Assert.Contains("'dx' overlaps 'x'", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        const int Batch = 16, Channels = 8, Inner = 196;
        var x = new float[Batch * Channels * Inner];
        for (int i = 0; i < x.Length; i++)
            x[i] = i % 7;
        var y = new float[x.Length];
        var dx = new float[x.Length];
        var parameters = new float[Channels];
        var gradient = new float[Channels];
        var other = new float[Channels];
        var saved = new float[2 * Channels];
        var mean = new float[Channels];
        var variance = new float[Channels];
        Allocations.AssertNone(() =>
        {
            BatchNorm.ForwardTraining<float>(x, parameters, parameters, y, saved, mean, variance, Batch, Channels, Inner, 0.1f, 1e-5f);
            BatchNorm.ForwardInference<float>(x, parameters, parameters, y, mean, variance, Batch, Channels, Inner, 1e-5f);
            BatchNorm.Backward<float>(x, saved, parameters, y, dx, gradient, other, Batch, Channels, Inner, accumulate: true);
        }, callsPerRound: 10);
    }

    /// <summary>
    /// Four training steps on different data, then inference and a backward pass, each compared with
    /// <see cref="Reference"/> run on the same values in double.
    /// </summary>
    private static void CheckAgainstReference<T>(int batch, int channels, int inner, double ulps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] gamma = TestData.Convert<T>(TestData.Uniform(channels, seed: 20, scale: 2));
        T[] beta = TestData.Convert<T>(TestData.Uniform(channels, seed: 21));
        T[] runningMean = TestData.Convert<T>(TestData.Uniform(channels, seed: 22));
        T[] runningVar = TestData.Convert<T>(TestData.Uniform(channels, seed: 23).Select(v => 1.5 + v).ToArray());
        double[] expectedMean = Array.ConvertAll(runningMean, double.CreateTruncating);
        double[] expectedVar = Array.ConvertAll(runningVar, double.CreateTruncating);
        T momentum = T.CreateTruncating(0.2), epsilon = T.CreateTruncating(1e-3);
        int length = batch * channels * inner;
        for (int step = 0; step < 4; step++)
        {
            T[] x = TestData.Convert<T>(TestData.Uniform(length, seed: 30 + step, scale: 1 + step).Select(v => v + step).ToArray());
            T[] dy = TestData.Convert<T>(TestData.Uniform(length, seed: 40 + step));
            var y = new T[length];
            var saved = new T[2 * channels];
            BatchNorm.ForwardTraining<T>(x, gamma, beta, y, saved, runningMean, runningVar, batch, channels, inner, momentum, epsilon);
            var dx = new T[length];
            var dGamma = new T[channels];
            var dBeta = new T[channels];
            BatchNorm.Backward<T>(x, saved, gamma, dy, dx, dGamma, dBeta, batch, channels, inner, accumulate: false);

            var reference = Reference.Run(
                Array.ConvertAll(x, double.CreateTruncating), Array.ConvertAll(gamma, double.CreateTruncating), Array.ConvertAll(beta, double.CreateTruncating),
                Array.ConvertAll(dy, double.CreateTruncating), expectedMean, expectedVar, batch, channels, inner,
                double.CreateTruncating(momentum), double.CreateTruncating(epsilon));
            expectedMean = reference.RunningMean;
            expectedVar = reference.RunningVar;
            PoolingTests.AssertClose(reference.Y, y, ulps);
            PoolingTests.AssertClose(reference.Saved, saved, ulps);
            PoolingTests.AssertClose(expectedMean, runningMean, ulps);
            PoolingTests.AssertClose(expectedVar, runningVar, ulps);
            PoolingTests.AssertClose(reference.Dx, dx, ulps);
            PoolingTests.AssertClose(reference.DGamma, dGamma, ulps * batch * inner);
            PoolingTests.AssertClose(reference.DBeta, dBeta, ulps * batch * inner);

            var inference = new T[length];
            BatchNorm.ForwardInference<T>(x, gamma, beta, inference, runningMean, runningVar, batch, channels, inner, epsilon);
            PoolingTests.AssertClose(reference.Inference, inference, ulps);
        }
    }

    /// <summary>A training forward pass in double with fresh running statistics: the function the gradient checks differentiate.</summary>
    private static double[] Train(double[] x, double[] gamma, double[] beta, double[] saved, int batch, int channels, int inner)
    {
        var y = new double[x.Length];
        BatchNorm.ForwardTraining<double>(x, gamma, beta, y, saved, new double[channels], new double[channels], batch, channels, inner, 0.1, 1e-5);
        return y;
    }

    private static void AssertNear(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"Element {i}: {actual[i]:R}; expected {expected[i]:R}.");
    }

    /// <summary>Batch normalization by its definition, in double, element by element.</summary>
    private sealed record Reference(
        double[] Y, double[] Saved, double[] RunningMean, double[] RunningVar, double[] Inference,
        double[] Dx, double[] DGamma, double[] DBeta, double[] DGammaScale, double[] DBetaScale)
    {
        public static Reference Run(
            double[] x, double[] gamma, double[] beta, double[] dy, double[] runningMean, double[] runningVar,
            int batch, int channels, int inner, double momentum, double epsilon)
        {
            int n = batch * inner;
            var r = new Reference(
                new double[x.Length], new double[2 * channels], new double[channels], new double[channels], new double[x.Length],
                new double[x.Length], new double[channels], new double[channels], new double[channels], new double[channels]);
            for (int c = 0; c < channels; c++)
            {
                var indices = (from s in Enumerable.Range(0, batch) from i in Enumerable.Range(0, inner) select (s * channels + c) * inner + i).ToArray();
                double mean = indices.Sum(i => x[i]) / n;
                double variance = indices.Sum(i => (x[i] - mean) * (x[i] - mean)) / n;
                double inverseStd = 1 / Math.Sqrt(variance + epsilon);
                r.Saved[c] = mean;
                r.Saved[channels + c] = inverseStd;
                r.RunningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean;
                r.RunningVar[c] = (1 - momentum) * runningVar[c] + momentum * variance * n / (n - 1);
                double inferenceScale = 1 / Math.Sqrt(r.RunningVar[c] + epsilon);
                double sumDy = indices.Sum(i => dy[i]);
                double sumDyXhat = indices.Sum(i => dy[i] * (x[i] - mean) * inverseStd);
                r.DBeta[c] = sumDy;
                r.DGamma[c] = sumDyXhat;
                r.DBetaScale[c] = indices.Sum(i => Math.Abs(dy[i]));
                r.DGammaScale[c] = indices.Sum(i => Math.Abs(dy[i] * (x[i] - mean) * inverseStd));
                foreach (int i in indices)
                {
                    double xhat = (x[i] - mean) * inverseStd;
                    r.Y[i] = gamma[c] * xhat + beta[c];
                    r.Inference[i] = gamma[c] * (x[i] - r.RunningMean[c]) * inferenceScale + beta[c];
                    r.Dx[i] = gamma[c] * inverseStd / n * (n * dy[i] - sumDy - xhat * sumDyXhat);
                }
            }
            return r;
        }
    }
}
