using System.Text.Json;
using Precast.Checkpoints;
using Precast.Models.Tests.Models;
using static Precast.Models.Tests.TorchFixture;
using static Precast.Models.Tests.TorchModelChecks;

namespace Precast.Models.Tests;

/// <summary>
/// Every layer of the convolutional family, two networks with a loss and a PyTorch state_dict,
/// through the code the generator emits, against PyTorch: tests/fixtures/torch_conv.py writes
/// conv_layers.json (and conv_state_dict.safetensors), and each of its cases runs here on the
/// matching float model of <c>TorchConvolutionModels.cs</c>, every parameter loaded and every
/// gradient read by its state_dict name.
/// </summary>
public sealed class TorchConvolutionTests
{
    private static readonly TorchFixture Fixture = new("conv_layers.json", "torch_conv.py");

    // Each fixture case and the check that runs it; EveryFixtureCaseIsChecked keeps the two lists equal.
    private static readonly Dictionary<string, Action<string>> Checks = new()
    {
        ["conv2d_direct_5x5"] = name => Layer(new TorchConv2DDirect(2), name, m => m.InputGradient),
        ["conv2d_im2col_stride2_pad1"] = name => Layer(new TorchConv2DIm2ColStride2Pad1(2), name, m => m.InputGradient),
        ["conv2d_row_stride2_pad_1x2"] = name => Layer(new TorchConv2DRowStride(2), name, m => m.InputGradient),
        ["conv2d_column_stride3_kernel_2x3"] = name => Layer(new TorchConv2DColumnStride(2), name, m => m.InputGradient),
        ["conv2d_side_pads_direct"] = name => Layer(new TorchConv2DSidePadsDirect(2), name, m => m.InputGradient),
        ["conv2d_side_pads_im2col"] = name => Layer(new TorchConv2DSidePadsIm2Col(2), name, m => m.InputGradient),
        ["conv2d_same_stride2_even"] = name => Layer(new TorchConv2DSameStride2(2), name, m => m.InputGradient),
        ["conv2d_same_even_kernel"] = name => Layer(new TorchConv2DSameEvenKernel(2), name, m => m.InputGradient),
        ["conv2d_dilation2_groups2"] = name => Layer(new TorchConv2DDilationGroups(2), name, m => m.InputGradient),
        ["conv2d_dilation_2x3_im2col"] = name => Layer(new TorchConv2DAxisDilation(2), name, m => m.InputGradient),
        ["conv2d_groups2_im2col"] = name => Layer(new TorchConv2DGroupsIm2Col(2), name, m => m.InputGradient),
        ["conv2d_groups_equal_channels"] = name => Layer(new TorchConv2DGroupsEqualChannels(2), name, m => m.InputGradient),
        ["conv2d_many_filters"] = name => Layer(new TorchConv2DManyFilters(2), name, m => m.InputGradient),
        ["conv2d_no_bias_im2col"] = name => Layer(new TorchConv2DWithoutBias(2), name, m => m.InputGradient),
        ["conv2d_1x7_pad_0x3"] = name => Layer(new TorchConv2DOneBySeven(2), name, m => m.InputGradient),
        ["conv2d_7x1_pad_3x0"] = name => Layer(new TorchConv2DSevenByOne(2), name, m => m.InputGradient),
        ["conv2d_pointwise"] = name => Layer(new TorchConv2DPointwise(2), name, m => m.InputGradient),
        ["conv2d_pointwise_groups3_no_bias"] = name => Layer(new TorchConv2DPointwiseGroups(2), name, m => m.InputGradient),
        ["conv2d_wide"] = name => Layer(new TorchConv2DWide(2), name, m => m.InputGradient),
        ["conv1d_stride2_pad1_dilation2"] = name => Layer(new TorchConv1DStridePadDilation(2), name, m => m.InputGradient),
        ["conv1d_groups2_same_even_kernel"] = name => Layer(new TorchConv1DGroupsSame(2), name, m => m.InputGradient),
        ["conv1d_embedding_im2col"] = name => Layer(new TorchConv1DEmbedding(2), name, m => m.InputGradient),
        ["conv2d_transpose_3x3"] = name => Layer(new TorchConv2DTranspose(2), name, m => m.InputGradient),
        ["conv2d_transpose_stride2_pad1_outpad1"] = name => Layer(new TorchConv2DTransposeOutputPad(2), name, m => m.InputGradient),
        ["conv2d_transpose_groups2_dilation2_no_bias"] = name => Layer(new TorchConv2DTransposeGroups(2), name, m => m.InputGradient),
        ["conv2d_transpose_same_stride2"] = name => Layer(new TorchConv2DTransposeSame(2), name, m => m.InputGradient),
        ["conv2d_transpose_same_kernel_below_stride"] = name => Layer(new TorchConv2DTransposeSameShortKernel(2), name, m => m.InputGradient),
        ["depthwise_multiplier2_stride2_pad1"] = name => Layer(new TorchDepthwiseMultiplier(2), name, m => m.InputGradient),
        ["depthwise_3x2_no_bias"] = name => Layer(new TorchDepthwiseWithoutBias(2), name, m => m.InputGradient),
        ["separable_multiplier2_same"] = name => Layer(new TorchSeparable(2), name, m => m.InputGradient),
        ["maxpool_3x3_stride2_pad1"] = name => Layer(new TorchMaxPoolPadded(2), name, m => m.InputGradient),
        ["maxpool_2x3"] = name => Layer(new TorchMaxPoolRectangle(2), name, m => m.InputGradient),
        ["maxpool_same_odd"] = name => Layer(new TorchMaxPoolSame(2), name, m => m.InputGradient),
        ["avgpool_3x3_stride2_pad1"] = name => Layer(new TorchAvgPoolPadded(2), name, m => m.InputGradient),
        ["avgpool_2x4"] = name => Layer(new TorchAvgPoolRectangle(2), name, m => m.InputGradient),
        ["avgpool_same_odd"] = name => Layer(new TorchAvgPoolSame(2), name, m => m.InputGradient),
        ["maxpool1d_3_stride2_pad1"] = name => Layer(new TorchMaxPool1D(2), name, m => m.InputGradient),
        ["global_avgpool"] = name => Layer(new TorchGlobalAvgPool(2), name, m => m.InputGradient),
        ["global_maxpool"] = name => Layer(new TorchGlobalMaxPool(2), name, m => m.InputGradient),
        ["zero_padding_1_2_3_0"] = name => Layer(new TorchZeroPadding(2), name, m => m.InputGradient),
        ["cropping_0_2_1_1"] = name => Layer(new TorchCropping(2), name, m => m.InputGradient),
        ["upsampling_2x3"] = name => Layer(new TorchUpSampling(2), name, m => m.InputGradient),
        ["reshape_3_minus1"] = name => Layer(new TorchReshape(2), name, m => m.InputGradient),
        // torch's module.eval(): the identity, forward and backward.
        ["dropout2d_eval"] = name => Layer(new TorchDropout2D(2) { IsTraining = false }, name, m => m.InputGradient),
        ["dropout2d_rate0_training"] = name => Layer(new TorchDropout2DRateZero(2), name, m => m.InputGradient),
        ["batchnorm1d_features"] = name => BatchNorm(new TorchBatchNormFeatures(4), name, m => m.InputGradient),
        ["batchnorm1d_channels_momentum"] = name => BatchNorm(new TorchBatchNormChannels(4), name, m => m.InputGradient),
        ["batchnorm2d"] = name => BatchNorm(new TorchBatchNormImage(3), name, m => m.InputGradient),
        ["lenet_cross_entropy"] = name => Network(new TorchLeNetLike(4), name, m => m.InputGradient),
        ["resnet_batchnorm_cross_entropy"] = name => Network(new TorchSmallResNet(4), name, m => m.InputGradient),
        ["resnet_state_dict"] = StateDict,
    };

    /// <summary>The fixture's case names, one test each.</summary>
    public static TheoryData<string> CaseNames => new(Checks.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesPyTorch(string caseName) => Checks[caseName](caseName);

    [Fact]
    public void EveryFixtureCaseIsChecked() =>
        Assert.Equal(Fixture.CaseNames.Order(), Checks.Keys.Order());

    /// <summary>
    /// nn.Dropout2d(p) in training zeroes each channel of each sample with probability p, independently,
    /// and scales the rest by 1/(1 − p); backward applies the same mask. Precast draws from its own
    /// generator, so this checks that law rather than torch's values: every plane is all zeros or
    /// x/(1 − p), its gradient likewise, and the count of dropped planes is that of 1024 draws at p.
    /// </summary>
    [Fact]
    public void Dropout2DTrainingDropsWholeChannelsAtItsRate()
    {
        const int batch = 64, plane = 2 * 3, planes = batch * 16;
        const float rate = 0.3f, scale = 1 / (1 - rate);
        var model = new TorchDropout2DStatistics(batch, seed: 167);
        Assert.True(model.IsTraining);
        float[] x = [.. Enumerable.Range(0, planes * plane).Select(i => 1 + i % 11 / 11f)];
        float[] y = model.Forward(x).ToArray();
        float[] upstream = [.. Enumerable.Range(0, y.Length).Select(i => i % 5 - 2.5f)];
        model.Backward(upstream);
        float[] dx = model.InputGradient.ToArray();

        bool[] dropped = new bool[planes];
        for (int p = 0; p < planes; p++)
        {
            dropped[p] = y[p * plane] == 0;
            float mask = dropped[p] ? 0 : scale;
            for (int k = p * plane; k < (p + 1) * plane; k++)
            {
                Assert.True(Math.Abs(y[k] - x[k] * mask) <= 1e-6f * Math.Abs(x[k] * mask) && Math.Abs(dx[k] - upstream[k] * mask) <= 1e-6f * Math.Abs(upstream[k] * mask),
                    $"plane {p} (sample {p / 16}, channel {p % 16}), value {k - p * plane}: y = {y[k]:R}, dx = {dx[k]:R} for x = {x[k]:R}, G = {upstream[k]:R}; expected mask {mask:R} on the whole plane");
            }
        }
        // Binomial(1024, 0.3): mean 307.2, standard deviation 14.7; the seed fixes the count, the
        // bound of four deviations says the drop probability is the rate (not 1 − rate, not half of it).
        int count = dropped.Count(d => d);
        Assert.InRange(count, 248, 366);
        // Each sample draws its own channels: channel 0 is dropped in some samples and kept in others.
        Assert.Contains(true, dropped.Where((_, p) => p % 16 == 0));
        Assert.Contains(false, dropped.Where((_, p) => p % 16 == 0));
    }

    /// <summary>A layer on its own: y = Forward(x), then dx and the parameter gradients of sum(y * G).</summary>
    private static void Layer<TModel>(TModel model, string name, Func<TModel, ReadOnlySpan<float>> inputGradient)
        where TModel : IModel<float> =>
        CheckNetwork(model, Fixture.Case(name), name, () => inputGradient(model));

    /// <summary>
    /// BatchNorm as torch_conv.py ran it: the fixture's training inputs one forward pass each (moving
    /// the running statistics), the last one back-propagated and compared; the running statistics and
    /// num_batches_tracked; then an inference pass on another input, forward and backward.
    /// </summary>
    private static void BatchNorm<TModel>(TModel model, string name, Func<TModel, ReadOnlySpan<float>> inputGradient)
        where TModel : IModel<float>
    {
        JsonElement fixture = Fixture.Case(name);
        JsonElement[] parameters = LoadParameters(model, fixture, name);
        float[][] inputs = [.. fixture.GetProperty("training_inputs").EnumerateArray().Select(x => x.EnumerateArray().Select(ReadFloat).ToArray())];
        int[] shape = Batched(fixture, model.InputShape);

        Assert.True(model.IsTraining);
        foreach (float[] x in inputs[..^1])
            model.Forward(x);
        JsonElement training = fixture.GetProperty("training");
        AssertClose(name, "training y", shape, Values(training, "y", ReadFloat), model.Forward(inputs[^1]));
        model.ZeroGradients();
        model.Backward(Values(training, "upstream", ReadFloat));
        AssertClose(name, "training dx", shape, Values(training, "dx", ReadFloat), inputGradient(model));
        AssertGradients(model, parameters, name);
        AssertState(model, fixture, name);

        model.IsTraining = false;
        JsonElement inference = fixture.GetProperty("eval");
        AssertClose(name, "eval y", shape, Values(inference, "y", ReadFloat), model.Forward(Values(inference, "x", ReadFloat)));
        model.ZeroGradients();
        model.Backward(Values(inference, "upstream", ReadFloat));
        AssertClose(name, "eval dx", shape, Values(inference, "dx", ReadFloat), inputGradient(model));
        AssertGradients(model, [.. inference.GetProperty("parameters").EnumerateArray()], name);
        // Inference leaves the running statistics as training left them.
        AssertState(model, fixture, name);
    }

    /// <summary>A network with a loss in training mode: logits, loss, gradients, then its running statistics.</summary>
    private static void Network<TModel>(TModel model, string name, Func<TModel, ReadOnlySpan<float>> inputGradient)
        where TModel : ITrainable<float, int>
    {
        JsonElement fixture = Fixture.Case(name);
        CheckLoss(model, fixture, name, () => inputGradient(model));
        AssertState(model, fixture, name);
    }

    /// <summary>
    /// A PyTorch state_dict written as safetensors (float32 weights and running statistics,
    /// num_batches_tracked as int64) loads by name into the generated network, whose inference output
    /// then equals PyTorch's eval() output.
    /// </summary>
    private static void StateDict(string name)
    {
        JsonElement fixture = Fixture.Case(name);
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", fixture.GetProperty("file").GetString()!);
        SafeTensorsFile file = SafeTensors.Read(path);
        Assert.Equal(
            fixture.GetProperty("tensors").EnumerateArray().Select(t => $"{t.GetProperty("name").GetString()} {ShapeText.Format(Values(t, "shape", ReadInt))} {t.GetProperty("dtype").GetString()}"),
            file.Tensors.Select(t => $"{t.Name} {t.ShapeText} {t.DType}"));
        Assert.Equal(SafeTensorsDType.I64, file.GetTensor("StemNorm.num_batches_tracked").DType);

        var model = new TorchSmallResNet(3, seed: 7);
        Checkpoint.Load(model, path);
        float steps = fixture.GetProperty("steps").GetInt32();
        Assert.Equal([steps], model.StateTensor("StemNorm.num_batches_tracked").ToArray());
        Assert.Equal([steps], model.StateTensor("Block.BatchNorm2.num_batches_tracked").ToArray());
        // Every running statistic and count as the file holds it (the int64 counts converted exactly).
        foreach (ParameterTensor tensor in model.StateTensors)
            Assert.Equal(file.Read<float>(tensor.Name), model.StateTensor(tensor.Name).ToArray());

        model.IsTraining = false;
        AssertClose(name, "eval logits", Batched(fixture, TorchSmallResNet.OutputShape), Values(fixture, "logits", ReadFloat), model.Forward(Values(fixture, "x", ReadFloat)));
    }

    /// <summary>Compares the running statistics and batch counts of a case's "state" with the model's state tensors, by name.</summary>
    private static void AssertState(IModel<float> model, JsonElement fixture, string name)
    {
        JsonElement[] state = [.. fixture.GetProperty("state").EnumerateArray()];
        Assert.Equal(
            state.Select(t => $"{t.GetProperty("name").GetString()} {ShapeText.Format(Values(t, "shape", ReadInt))}").Order(),
            model.StateTensors.Select(t => $"{t.Name} {t.ShapeText}").Order());
        foreach (JsonElement tensor in state)
        {
            string tensorName = tensor.GetProperty("name").GetString()!;
            AssertClose(name, tensorName, Values(tensor, "shape", ReadInt), Values(tensor, "value", ReadFloat), model.StateTensor(tensorName));
        }
    }
}
