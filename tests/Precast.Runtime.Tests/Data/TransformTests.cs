using Precast.Data;
using Precast.Data.Transforms;

namespace Precast.Runtime.Tests.Data;

public sealed class TransformTests
{
    // Two channels of a 2 x 3 image: channel 0 holds 1..6, channel 1 holds 11..16.
    private static readonly int[] s_shape = [2, 2, 3];
    private static float[] Image() => [1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16];

    [Fact]
    public void A_flip_mirrors_every_row_of_every_channel_when_the_draw_is_below_the_probability()
    {
        ulong flipping = SeedWhere(rng => rng.NextDouble() < 0.5);
        ulong keeping = SeedWhere(rng => rng.NextDouble() >= 0.5);

        float[] flipped = Apply(new RandomHorizontalFlip(), Image(), s_shape, flipping);
        float[] kept = Apply(new RandomHorizontalFlip(), Image(), s_shape, keeping);

        Assert.Equal([3, 2, 1, 6, 5, 4, 13, 12, 11, 16, 15, 14], flipped);
        Assert.Equal(Image(), kept);
    }

    [Fact]
    public void A_flip_with_probability_one_always_flips_and_zero_never()
    {
        for (ulong seed = 0; seed < 50; seed++)
        {
            Assert.Equal([3, 2, 1, 6, 5, 4, 13, 12, 11, 16, 15, 14], Apply(new RandomHorizontalFlip(1), Image(), s_shape, seed));
            Assert.Equal(Image(), Apply(new RandomHorizontalFlip(0), Image(), s_shape, seed));
        }
    }

    [Fact]
    public void A_crop_at_the_top_left_corner_of_the_padded_image_shifts_the_content_down_and_right()
    {
        // Padding 1, window at (top 0, left 0): output (y, x) = input (y - 1, x - 1), zeros shifted in.
        ulong seed = SeedWhere(rng => rng.NextInt32(3) == 0 && rng.NextInt32(3) == 0);

        float[] cropped = Apply(new RandomCrop(padding: 1), Image(), s_shape, seed);

        Assert.Equal([0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 11, 12], cropped);
    }

    [Fact]
    public void A_crop_at_the_bottom_right_corner_shifts_the_content_up_and_left()
    {
        // Padding 1, window at (top 2, left 2): output (y, x) = input (y + 1, x + 1).
        ulong seed = SeedWhere(rng => rng.NextInt32(3) == 2 && rng.NextInt32(3) == 2);

        float[] cropped = Apply(new RandomCrop(padding: 1), Image(), s_shape, seed);

        Assert.Equal([5, 6, 0, 0, 0, 0, 15, 16, 0, 0, 0, 0], cropped);
    }

    [Theory]
    [InlineData(1, 5, 4, 1)]
    [InlineData(3, 4, 4, 2)]
    [InlineData(4, 3, 2, 1)]
    [InlineData(2, 6, 7, 3)]
    public void A_crop_equals_padding_with_zeros_and_cropping_a_window_as_torchvision_does(int channels, int height, int width, int padding)
    {
        int[] shape = [channels, height, width];
        var data = new Rng(99);
        for (ulong seed = 0; seed < 200; seed++)
        {
            float[] image = [.. Enumerable.Range(0, channels * height * width).Select(_ => data.NextSingle() + 0.5f)];
            Rng draws = new(seed);
            int top = draws.NextInt32(2 * padding + 1);
            int left = draws.NextInt32(2 * padding + 1);

            float[] cropped = Apply(new RandomCrop(padding), (float[])image.Clone(), shape, seed);

            Assert.Equal(PadAndCrop(image, channels, height, width, padding, top, left), cropped);
        }
    }

    [Fact]
    public void Noise_adds_one_normal_draw_per_value_in_order_scaled_by_the_standard_deviation()
    {
        double[] image = [1, 2, 3, 4, 5, 6];
        Rng draws = new(7);
        double[] expected = [.. image.Select(value => value + 0.25 * draws.NextNormal())];

        double[] noisy = Apply(new GaussianNoise(0.25), image, [6], seed: 7);

        Assert.Equal(expected, noisy);
    }

    [Fact]
    public void Noise_has_the_requested_mean_and_standard_deviation()
    {
        float[] zeros = new float[200_000];

        float[] noise = Apply(new GaussianNoise(0.1), zeros, [zeros.Length], seed: 3);

        double mean = noise.Average(value => (double)value);
        double std = Math.Sqrt(noise.Average(value => (value - mean) * (value - mean)));
        // 200,000 draws: the standard error of the mean is 0.1 / 447 = 2.2e-4 and of the deviation 1.6e-4.
        Assert.InRange(mean, -1e-3, 1e-3);
        Assert.InRange(std, 0.099, 0.101);
    }

    [Fact]
    public void Normalize_subtracts_each_channels_mean_and_divides_by_its_deviation()
    {
        var normalize = new Normalize([2, 10], [0.5, 4]);

        float[] normalized = Apply(normalize, Image(), s_shape, seed: 0);

        Assert.Equal([-2, 0, 2, 4, 6, 8, 0.25f, 0.5f, 0.75f, 1, 1.25f, 1.5f], normalized);
    }

    [Fact]
    public void Normalize_with_one_statistic_applies_it_to_every_channel()
    {
        float[] normalized = Apply(new Normalize([1], [2]), Image(), s_shape, seed: 0);

        Assert.Equal(Image().Select(value => (value - 1) / 2), normalized);
    }

    [Fact]
    public void Fit_computes_each_channels_population_mean_and_deviation_over_every_sample_and_pixel()
    {
        // Two samples of two 1 x 2 channels: channel 0 takes 1, 3, 1, 3 (mean 2, deviation 1) and
        // channel 1 takes 2, 2, 6, 6 (mean 4, deviation 2).
        Dataset<float, int> images = Dataset.FromArrays<float>([1, 3, 2, 2, /* */ 1, 3, 6, 6], [0, 1], [2, 1, 2], classCount: 2);
        // Rows of 3 features: each feature is a channel of its own.
        Dataset<float, int> rows = Dataset.FromArrays<float>([1, 2, 2, /* */ 3, 6, 6], [0, 1], [3], classCount: 2);

        Normalize perChannel = Normalize.Fit(images, epsilon: 0);
        Normalize perFeature = Normalize.Fit(rows, epsilon: 0);

        Assert.Equal([2.0, 4.0], perChannel.Mean);
        Assert.Equal([1.0, 2.0], perChannel.StandardDeviation);
        Assert.Equal([2.0, 4.0, 4.0], perFeature.Mean);
        Assert.Equal([1.0, 2.0, 2.0], perFeature.StandardDeviation);
        Assert.Equal([-1f, 1, -1, -1], Apply(perChannel, images.GetSample(0).ToArray(), [2, 1, 2], seed: 0));
    }

    [Fact]
    public void Fit_adds_kerass_epsilon_to_the_deviation_and_can_center_or_scale_alone()
    {
        Dataset<double, int> data = Dataset.FromArrays<double>([1, 3], [0, 0], [1], classCount: 1);

        Assert.Equal([1 + Normalize.KerasEpsilon], Normalize.Fit(data).StandardDeviation);
        Assert.Equal([0.0], Normalize.Fit(data, center: false).Mean);
        Assert.Equal([1.0], Normalize.Fit(data, scale: false).StandardDeviation);
        Assert.Equal([2.0], Normalize.Fit(data, scale: false).Mean);
    }

    [Fact]
    public void Fit_loses_nothing_to_cancellation_on_a_large_offset()
    {
        // Values 1e6 + u with u uniform in [0, 1): a sum of squares in double would lose the variance.
        var rng = new Rng(5);
        double[] offsets = [.. Enumerable.Range(0, 30_000).Select(_ => rng.NextDouble())];
        double[] values = [.. offsets.Select(offset => 1e6 + offset)];
        Dataset<double, int> data = Dataset.FromArrays<double>(values, new int[10_000], [3], classCount: 1);

        Normalize fitted = Normalize.Fit(data, epsilon: 0);

        for (int feature = 0; feature < 3; feature++)
        {
            // The reference works on the offsets alone, where double sums are accurate.
            double[] column = [.. offsets.Where((_, i) => i % 3 == feature)];
            double mean = column.Average();
            double std = Math.Sqrt(column.Sum(value => (value - mean) * (value - mean)) / column.Length);
            // The running mean near 1e6 rounds to its ulp (1.2e-10) at each of the 10,000 updates.
            Assert.Equal(1e6 + mean, fitted.Mean[feature], 1e-8);
            Assert.Equal(std, fitted.StandardDeviation[feature], 1e-9);
        }
    }

    [Fact]
    public void Fit_refuses_a_constant_channel_without_epsilon()
    {
        Dataset<float, int> data = Dataset.FromArrays<float>([5, 5], [0, 0], [1], classCount: 1);

        var error = Assert.Throws<InvalidDataException>(() => Normalize.Fit(data, epsilon: 0));

        Assert.Contains("channel 0 has the same value 5 in every sample, so its standard deviation is 0", error.Message);
    }

    [Fact]
    public void Compose_applies_its_transforms_in_order_from_one_generator()
    {
        var crop = new RandomCrop(1);
        var flip = new RandomHorizontalFlip();
        var noise = new GaussianNoise(0.5);
        float[] expected = Image();
        Rng manual = new(21);
        crop.Apply(expected, s_shape, ref manual);
        flip.Apply(expected, s_shape, ref manual);
        noise.Apply(expected, s_shape, ref manual);

        float[] composed = Apply(new Compose(crop, flip, noise), Image(), s_shape, seed: 21);

        Assert.Equal(expected, composed);
    }

    [Fact]
    public void Transforms_name_themselves_and_the_shape_they_cannot_apply_to()
    {
        Assert.Contains("RandomHorizontalFlip: samples of shape [784] are not images; expected at least 2 dimensions",
            Assert.Throws<ArgumentException>(() => new RandomHorizontalFlip().Check([784])).Message);
        Assert.Contains("RandomCrop: samples of shape [10] are not images",
            Assert.Throws<ArgumentException>(() => new Compose(new GaussianNoise(1), new RandomCrop(2)).Check([10])).Message);
        Assert.Contains("Normalize: has statistics for 3 channels but samples of shape [1, 28, 28] have 1 along their first dimension",
            Assert.Throws<ArgumentException>(() => new Normalize([0, 0, 0], [1, 1, 1]).Check([1, 28, 28])).Message);
        Assert.Contains("'standardDeviation' has 0 for channel 1; expected a positive finite value",
            Assert.Throws<ArgumentException>(() => new Normalize([0, 0], [1, 0])).Message);
        Assert.Equal("padding", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomCrop(0)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5)).ParamName);
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(double.NaN)).ParamName);
    }

    [Fact]
    public void A_batcher_refuses_a_transform_that_does_not_fit_its_samples()
    {
        Dataset<float, int> rows = DatasetTests.Numbered(count: 10, sampleLength: 4);

        var error = Assert.Throws<ArgumentException>(() => new Batcher<float, int>(rows, 2, transform: new RandomCrop(1)));

        Assert.Contains("RandomCrop: samples of shape [4] are not images", error.Message);
    }

    [Fact]
    public void A_samples_augmentation_depends_on_the_seed_epoch_and_sample_only_not_on_batch_size_or_order()
    {
        Dataset<float, int> data = Images(count: 37);
        var augment = new Compose(new RandomCrop(1), new RandomHorizontalFlip(), new GaussianNoise(0.1));
        var small = new Batcher<float, int>(data, batchSize: 4, shuffle: true, seed: 8, transform: augment);
        var large = new Batcher<float, int>(data, batchSize: 16, shuffle: false, seed: 8, transform: augment);
        var otherSeed = new Batcher<float, int>(data, batchSize: 16, shuffle: false, seed: 9, transform: augment);

        Dictionary<int, float[]> fromSmall = SamplesBySource(small, epoch: 2);
        Dictionary<int, float[]> fromLarge = SamplesBySource(large, epoch: 2);

        Assert.Equal(37, fromSmall.Count);
        foreach ((int sample, float[] values) in fromLarge)
            Assert.Equal(values, fromSmall[sample]);
        Assert.NotEqual(fromLarge[5], SamplesBySource(large, epoch: 3)[5]);
        Assert.NotEqual(fromLarge[5], SamplesBySource(otherSeed, epoch: 2)[5]);
        Assert.Equal(fromLarge[5], SamplesBySource(new Batcher<float, int>(data, 16, shuffle: false, seed: 8, transform: augment), epoch: 2)[5]);
    }

    [Fact]
    public void The_generator_of_a_sample_is_the_documented_stream()
    {
        Dataset<float, int> data = Images(count: 3);
        var noise = new GaussianNoise(1);
        var batcher = new Batcher<float, int>(data, batchSize: 3, shuffle: false, seed: 77, transform: noise);
        float[] expected = data.GetSample(2).ToArray();
        Rng stream = Rng.ForStream(77, (5UL << 32) | 2);
        noise.Apply(expected, data.SampleShape, ref stream);

        float[] second = [];
        foreach (var batch in batcher.Epoch(4))
            second = batch.Inputs.Slice(2 * data.SampleLength, data.SampleLength).ToArray();

        Assert.Equal(expected, second);
    }

    [Fact]
    public void An_augmented_epoch_allocates_nothing()
    {
        Dataset<float, int> data = Images(count: 200);
        var augment = new Compose(new RandomCrop(2), new RandomHorizontalFlip(), new GaussianNoise(0.1), Normalize.Fit(data));
        var batcher = new Batcher<float, int>(data, batchSize: 32, seed: 4, transform: augment);
        int epoch = 0;
        float sum = 0;

        Allocations.AssertNone(() => sum += BatcherTests.SumEpoch(batcher, epoch++), callsPerRound: 5);

        Assert.True(float.IsFinite(sum));
    }

    /// <summary>Applies <paramref name="transform"/> to <paramref name="sample"/> with <c>new Rng(seed)</c>.</summary>
    internal static T[] Apply<T>(ISampleTransform transform, T[] sample, int[] shape, ulong seed)
    {
        transform.Check(shape);
        Rng rng = new(seed);
        if (sample is float[] single)
            transform.Apply(single, shape, ref rng);
        else
            transform.Apply((double[])(object)sample, shape, ref rng);
        return sample;
    }

    /// <summary>The first seed whose generator satisfies <paramref name="condition"/>.</summary>
    private static ulong SeedWhere(Func<Rng, bool> condition)
    {
        for (ulong seed = 0; ; seed++)
            if (condition(new Rng(seed)))
                return seed;
    }

    /// <summary>The reference: pad with zeros, then crop the window at (top, left), literally.</summary>
    private static float[] PadAndCrop(float[] image, int channels, int height, int width, int padding, int top, int left)
    {
        int paddedHeight = height + 2 * padding, paddedWidth = width + 2 * padding;
        var result = new float[image.Length];
        for (int c = 0; c < channels; c++)
        {
            var padded = new float[paddedHeight, paddedWidth];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    padded[y + padding, x + padding] = image[(c * height + y) * width + x];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    result[(c * height + y) * width + x] = padded[y + top, x + left];
        }
        return result;
    }

    /// <summary>Images [2, 4, 5] whose first value is the sample's id (the rest varies so flips and crops show).</summary>
    internal static Dataset<float, int> Images(int count)
    {
        const int length = 2 * 4 * 5;
        var rng = new Rng(1);
        float[] inputs = new float[count * length];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = i % length == 0 ? i / length : rng.NextSingle();
        return Dataset.FromArrays(inputs, [.. Enumerable.Range(0, count).Select(i => i % 3)], [2, 4, 5], classCount: 3);
    }

    /// <summary>Each sample of an epoch, by its index in the source (found from its label order in <see cref="Images"/>'s source).</summary>
    private static Dictionary<int, float[]> SamplesBySource(Batcher<float, int> batcher, int epoch)
    {
        // The shuffle order is the Fisher–Yates permutation of the epoch stream, as BatcherTests check.
        int[] order = new int[batcher.Samples.Count];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        if (batcher.Shuffle)
        {
            Rng rng = Rng.ForStream(batcher.Seed, (ulong)epoch);
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = rng.NextInt32(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
        var samples = new Dictionary<int, float[]>();
        int position = 0;
        int length = batcher.Samples.SampleLength;
        foreach (var batch in batcher.Epoch(epoch))
            for (int i = 0; i < batch.Count; i++)
                samples[order[position++]] = batch.Inputs.Slice(i * length, length).ToArray();
        return samples;
    }
}
