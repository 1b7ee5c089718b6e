using Precast.Models.Tests.Models;

namespace Precast.Models.Tests;

/// <summary>
/// Every convolution, pooling, padding, cropping, upsampling, reshaping, normalization and channel
/// dropout layer, with each of its options and each convolution algorithm, through the code the
/// generator emits, against finite differences in double precision: every parameter gradient and
/// every input gradient (the models of <c>ConvolutionCheckModels.cs</c>).
/// </summary>
public sealed class ConvolutionGradientCheckTests
{
    private const int Batch = 3;

    // ── Conv2D: algorithms ──

    [Fact] public void Conv2DDirect() => Check(new Conv2DDirectCheck(Batch, seed: 101), m => m.InputGradient);

    [Fact] public void Conv2DIm2Col() => Check(new Conv2DIm2ColCheck(Batch, seed: 102), m => m.InputGradient);

    [Fact] public void Conv2DIm2ColForManyFilters() => Check(new Conv2DManyFiltersCheck(Batch, seed: 103), m => m.InputGradient);

    [Fact] public void Conv2DPointwise() => Check(new Conv2DPointwiseCheck(Batch, seed: 104), m => m.InputGradient);

    [Fact] public void Conv2DPointwiseInGroupsWithoutBias() => Check(new Conv2DPointwiseGroupsCheck(Batch, seed: 105), m => m.InputGradient);

    [Fact] public void Conv2DStridedOneByOne() => Check(new Conv2DStridedOneByOneCheck(Batch, seed: 106), m => m.InputGradient);

    [Fact] public void Conv2DPaddedOneByOne() => Check(new Conv2DPaddedOneByOneCheck(Batch, seed: 107), m => m.InputGradient);

    // ── Conv2D: stride, padding, dilation, groups, bias, kernel shapes ──

    [Fact] public void Conv2DStride2() => Check(new Conv2DStride2Check(Batch, seed: 111), m => m.InputGradient);

    [Fact] public void Conv2DStrideDownTheRowsOnly() => Check(new Conv2DRowStrideCheck(Batch, seed: 112), m => m.InputGradient);

    [Fact] public void Conv2DStrideAcrossTheRowsOnly() => Check(new Conv2DColumnStrideCheck(Batch, seed: 113), m => m.InputGradient);

    [Fact] public void Conv2DPadDirect() => Check(new Conv2DPadDirectCheck(Batch, seed: 114), m => m.InputGradient);

    [Fact] public void Conv2DPadIm2Col() => Check(new Conv2DPadIm2ColCheck(Batch, seed: 115), m => m.InputGradient);

    [Fact] public void Conv2DPadPerSideDirect() => Check(new Conv2DSidePadDirectCheck(Batch, seed: 116), m => m.InputGradient);

    [Fact] public void Conv2DPadPerSideIm2Col() => Check(new Conv2DSidePadIm2ColCheck(Batch, seed: 117), m => m.InputGradient);

    [Fact] public void Conv2DSameWithAnEvenKernel() => Check(new Conv2DSameEvenKernelCheck(Batch, seed: 118), m => m.InputGradient);

    [Fact] public void Conv2DSameAtStride2OnAnEvenInput() => Check(new Conv2DSameStride2Check(Batch, seed: 119), m => m.InputGradient);

    [Fact] public void Conv2DDilation() => Check(new Conv2DDilationCheck(Batch, seed: 120), m => m.InputGradient);

    [Fact] public void Conv2DDilationPerAxis() => Check(new Conv2DAxisDilationCheck(Batch, seed: 121), m => m.InputGradient);

    [Fact] public void Conv2DGroupsDirect() => Check(new Conv2DGroupsDirectCheck(Batch, seed: 122), m => m.InputGradient);

    [Fact] public void Conv2DGroupsIm2Col() => Check(new Conv2DGroupsIm2ColCheck(Batch, seed: 123), m => m.InputGradient);

    [Fact] public void Conv2DGroupsEqualToChannels() => Check(new Conv2DGroupsEqualChannelsCheck(Batch, seed: 124), m => m.InputGradient);

    [Fact] public void Conv2DWithoutBiasDirect() => Check(new Conv2DWithoutBiasDirectCheck(Batch, seed: 125), m => m.InputGradient);

    [Fact] public void Conv2DWithoutBiasIm2Col() => Check(new Conv2DWithoutBiasIm2ColCheck(Batch, seed: 126), m => m.InputGradient);

    [Fact] public void Conv2DOneBySeven() => Check(new Conv2DOneBySevenCheck(Batch, seed: 127), m => m.InputGradient);

    [Fact] public void Conv2DSevenByOne() => Check(new Conv2DSevenByOneCheck(Batch, seed: 128), m => m.InputGradient);

    // ── Conv1D ──

    [Fact] public void Conv1D() => Check(new Conv1DCheck(Batch, seed: 131), m => m.InputGradient);

    [Fact] public void Conv1DStridePaddingDilation() => Check(new Conv1DStridePadDilationCheck(Batch, seed: 132), m => m.InputGradient);

    [Fact] public void Conv1DGroupsSameWithoutBias() => Check(new Conv1DGroupsSameCheck(Batch, seed: 133), m => m.InputGradient);

    [Fact] public void Conv1DManyChannels() => Check(new Conv1DWideCheck(Batch, seed: 134), m => m.InputGradient);

    // ── Conv2DTranspose ──

    [Fact] public void Conv2DTranspose() => Check(new Conv2DTransposeCheck(Batch, seed: 141), m => m.InputGradient);

    [Fact] public void Conv2DTransposeStridePadding() => Check(new Conv2DTransposeStridePadCheck(Batch, seed: 142), m => m.InputGradient);

    [Fact] public void Conv2DTransposeOutputPadding() => Check(new Conv2DTransposeOutputPadCheck(Batch, seed: 143), m => m.InputGradient);

    [Fact] public void Conv2DTransposeSame() => Check(new Conv2DTransposeSameCheck(Batch, seed: 144), m => m.InputGradient);

    [Fact] public void Conv2DTransposeGroupsDilationAxisStrideWithoutBias() => Check(new Conv2DTransposeGroupsCheck(Batch, seed: 145), m => m.InputGradient);

    // ── DepthwiseConv2D, SeparableConv2D ──

    [Fact] public void Depthwise() => Check(new DepthwiseCheck(Batch, seed: 151), m => m.InputGradient);

    [Fact] public void DepthwiseMultiplier2() => Check(new DepthwiseMultiplierCheck(Batch, seed: 152), m => m.InputGradient);

    [Fact] public void DepthwiseStride2Same() => Check(new DepthwiseStrideCheck(Batch, seed: 153), m => m.InputGradient);

    [Fact] public void Separable() => Check(new SeparableCheck(Batch, seed: 154), m => m.InputGradient);

    [Fact] public void SeparableMultiplierStrideSame() => Check(new SeparableStrideCheck(Batch, seed: 155), m => m.InputGradient);

    // ── Pooling ──

    [Fact] public void MaxPool() => Check(new MaxPoolCheck(Batch), m => m.InputGradient);

    [Fact] public void MaxPoolOverlapping() => Check(new MaxPoolOverlappingCheck(Batch), m => m.InputGradient);

    [Fact] public void MaxPoolPaddedAndSame() => Check(new MaxPoolPaddedCheck(Batch), m => m.InputGradient);

    [Fact] public void AvgPool() => Check(new AvgPoolCheck(Batch), m => m.InputGradient);

    [Fact] public void AvgPoolPaddedExcludesThePadding() => Check(new AvgPoolPaddedCheck(Batch), m => m.InputGradient);

    [Fact] public void AvgPoolSameAndOverlapping() => Check(new AvgPoolSameCheck(Batch), m => m.InputGradient);

    [Fact] public void MaxPool1D() => Check(new MaxPool1DCheck(Batch), m => m.InputGradient);

    [Fact] public void GlobalAvgPool() => Check(new GlobalAvgPoolCheck(Batch), m => m.InputGradient);

    [Fact] public void GlobalMaxPool() => Check(new GlobalMaxPoolCheck(Batch), m => m.InputGradient);

    // ── Padding, cropping, upsampling, reshaping ──

    [Fact] public void ZeroPadding() => Check(new ZeroPaddingCheck(Batch, seed: 161), m => m.InputGradient);

    [Fact] public void Cropping() => Check(new CroppingCheck(Batch, seed: 162), m => m.InputGradient);

    [Fact] public void UpSampling() => Check(new UpSamplingCheck(Batch, seed: 163), m => m.InputGradient);

    [Fact] public void Reshape() => Check(new ReshapeCheck(Batch, seed: 164), m => m.InputGradient);

    // ── BatchNorm ──

    [Fact] public void BatchNormFeaturesTraining() => Check(new BatchNormFeaturesCheck(Batch, seed: 171), m => m.InputGradient);

    [Fact] public void BatchNormSequenceTraining() => Check(new BatchNormSequenceCheck(Batch, seed: 172), m => m.InputGradient);

    [Fact] public void BatchNormImageTraining() => Check(new BatchNormImageCheck(Batch, seed: 173), m => m.InputGradient);

    [Fact] public void BatchNormFeaturesInference() => CheckInference(new BatchNormFeaturesCheck(Batch, seed: 174), m => m.InputGradient, m => m.BatchNorm1NumBatchesTracked[0]);

    [Fact] public void BatchNormSequenceInference() => CheckInference(new BatchNormSequenceCheck(Batch, seed: 175), m => m.InputGradient, m => m.BatchNorm1NumBatchesTracked[0]);

    [Fact] public void BatchNormImageInference() => CheckInference(new BatchNormImageCheck(Batch, seed: 176), m => m.InputGradient, m => m.BatchNorm1NumBatchesTracked[0]);

    // ── Dropout2D ──

    [Fact]
    public void Dropout2DTrainingAgainstFiniteDifferencesWithTheSameMask()
    {
        // A training-mode forward pass draws a new mask each time, so each evaluation of the loss
        // runs on a fresh model built from the same seed (the same weights, then the same mask on
        // its first pass) holding the perturbed parameters.
        const ulong seed = 181;
        var random = new Random(1810);
        double[] inputs = Inputs(random, Batch * Dropout2DCheck.InputSize);
        double[] targets = Inputs(random, Batch * Dropout2DCheck.OutputSize);
        var model = new Dropout2DCheck(Batch, seed);
        model.Forward(inputs);
        model.ComputeLoss(targets);
        model.Backward();
        double[] gradients = model.Gradients.ToArray();
        double[] inputGradient = model.InputGradient.ToArray();
        double[] parameters = model.Parameters.ToArray();

        double Loss(double[] p, double[] x)
        {
            var fresh = new Dropout2DCheck(Batch, seed);
            p.CopyTo(fresh.Parameters);
            fresh.Forward(x);
            return fresh.ComputeLoss(targets);
        }

        for (int i = 0; i < parameters.Length; i++)
            ModelGradientCheck.Compare($"Dropout2DCheck parameter [{i}]", gradients[i], ModelGradientCheck.CentralDifference(() => ref parameters[i], () => Loss(parameters, inputs)));
        for (int i = 0; i < inputs.Length; i++)
            ModelGradientCheck.Compare($"Dropout2DCheck input [{i}]", inputGradient[i], ModelGradientCheck.CentralDifference(() => ref inputs[i], () => Loss(parameters, inputs)));

        // The check means something only if the mask dropped some channels and kept others: a
        // dropped channel of a sample passes no gradient at all.
        const int channels = 4, plane = 5 * 6;
        bool[] dropped = [.. Enumerable.Range(0, Batch * channels).Select(c => inputGradient.AsSpan(c * plane, plane).IndexOfAnyExcept(0.0) < 0)];
        Assert.Contains(true, dropped);
        Assert.Contains(false, dropped);
    }

    [Fact]
    public void Dropout2DScalesWholeChannelsAndBackwardAppliesTheSameMask()
    {
        const int channels = 5, plane = 2 * 3;
        var model = new Dropout2DOnly(Batch, seed: 182);
        var random = new Random(1820);
        double[] inputs = [.. Enumerable.Range(0, Batch * Dropout2DOnly.InputSize).Select(_ => 0.5 + random.NextDouble())];
        double[] outputs = model.Forward(inputs).ToArray();

        // One mask value per sample and channel: 0, or 1/(1 − 0.25) = 4/3 on every value of the plane.
        double[] mask = new double[Batch * channels];
        for (int c = 0; c < mask.Length; c++)
        {
            mask[c] = outputs[c * plane] / inputs[c * plane];
            Assert.True(mask[c] == 0 || Math.Abs(mask[c] - 4.0 / 3) < 1e-15, $"channel {c}: mask {mask[c]:R}");
            for (int k = 0; k < plane; k++)
                Assert.Equal(inputs[c * plane + k] * mask[c], outputs[c * plane + k], 15);
        }
        Assert.Contains(0.0, mask);
        Assert.Contains(mask, m => m != 0);

        double[] outputGradient = [.. Enumerable.Range(0, outputs.Length).Select(i => (double)(i % 7 - 3))];
        model.Backward(outputGradient);
        for (int i = 0; i < outputs.Length; i++)
            Assert.Equal(outputGradient[i] * mask[i / plane], model.InputGradient[i], 15);

        // Inference is the identity both ways.
        model.IsTraining = false;
        Assert.Equal(inputs, model.Forward(inputs).ToArray());
        model.Backward(outputGradient);
        Assert.Equal(outputGradient, model.InputGradient.ToArray());
    }

    [Fact]
    public void Dropout2DInference() =>
        Check(new Dropout2DCheck(Batch, seed: 183) { IsTraining = false }, m => m.InputGradient);

    /// <summary>
    /// BatchNorm in inference mode: a few training passes first move the running statistics away
    /// from their initial 0 and 1 (and count the passes), then the check runs with IsTraining = false,
    /// whose forward and backward steps use the running statistics.
    /// </summary>
    private static void CheckInference<TModel>(TModel model, Func<TModel, ReadOnlySpan<double>> inputGradient, Func<TModel, double> batchesTracked)
        where TModel : ITrainable<double, double>
    {
        var random = new Random(model.InputLength * 17 + 3);
        for (int step = 0; step < 4; step++)
        {
            // Shifted and scaled, so the running mean and variance move far from 0 and 1.
            double[] batch = [.. Inputs(random, Batch * model.InputLength).Select(v => 1.5 + 3 * v)];
            model.TrainStep(batch, Inputs(random, Batch * model.OutputLength));
        }
        Assert.Equal(4, batchesTracked(model));
        double[] state = model.State.ToArray();
        model.IsTraining = false;
        Check(model, inputGradient);
        // Inference leaves the running statistics alone, however many passes the check ran.
        Assert.Equal(state, model.State.ToArray());
    }

    private static void Check<TModel>(TModel model, Func<TModel, ReadOnlySpan<double>> inputGradient)
        where TModel : ITrainable<double, double> =>
        ModelGradientCheck.CheckRegression(model, Batch, inputGradient);

    private static double[] Inputs(Random random, int count) => ModelGradientCheck.Uniform(random, count);
}
