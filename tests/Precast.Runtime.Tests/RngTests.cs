namespace Precast.Runtime.Tests;

public class RngTests
{
    [Fact]
    public void XoshiroKnownAnswerFromState1234()
    {
        // xoshiro256** from state {1, 2, 3, 4}. The first output is rotl(2·5, 7)·9 = 1280·9 = 11520 by
        // hand; the rest are from the authors' reference C code (xoshiro256starstar.c, compiled with
        // gcc) and match the test vectors of Rust's rand_xoshiro.
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600,
            16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576,
        ];
        Rng rng = Rng.FromState([1, 2, 3, 4]);
        foreach (ulong value in expected)
            Assert.Equal(value, rng.NextUInt64());
    }

    [Fact]
    public void SeedingFillsTheStateWithSplitMix64()
    {
        // SplitMix64 from seed 0: the first output is Mix(0x9E3779B97F4A7C15) = 0xE220A8397B1DCDAF,
        // the published first value of SplitMix64 seeded with 0; the next three continue the sequence.
        var state = new ulong[Rng.StateLength];
        new Rng(0).SaveState(state);
        Assert.Equal(new ulong[] { 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F, 0xF88BB8A8724C81EC }, state);
    }

    [Fact]
    public void SeededSequenceIsFixed()
    {
        // Computed with the reference C code seeded the same way; any change here changes every
        // model's initial weights, so it must be deliberate.
        var rng = new Rng(42);
        Assert.Equal(0x15780B2E0C2EC716UL, rng.NextUInt64());
        Assert.Equal(0x6104D9866D113A7EUL, rng.NextUInt64());
        Assert.Equal(0xAE17533239E499A1UL, rng.NextUInt64());
        Assert.Equal(0xECB8AD4703B360A1UL, rng.NextUInt64());
        Assert.Equal(0xFDE6DC7FE2EC5E64UL, rng.NextUInt64());
    }

    [Fact]
    public void SameSeedSameSequenceAndCopiesContinueIdentically()
    {
        var a = new Rng(123);
        var b = new Rng(123);
        for (int i = 0; i < 100; i++)
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Rng copy = a;
        Assert.Equal(a.NextDouble(), copy.NextDouble());
        Assert.NotEqual(new Rng(124).NextUInt64(), new Rng(123).NextUInt64());
    }

    [Fact]
    public void StreamsAreDistinctAndReproducible()
    {
        var firsts = new HashSet<ulong> { new Rng(5).NextUInt64() };
        for (ulong stream = 0; stream < 1000; stream++)
        {
            Rng rng = Rng.ForStream(5, stream);
            Rng again = Rng.ForStream(5, stream);
            ulong first = rng.NextUInt64();
            Assert.Equal(first, again.NextUInt64());
            Assert.True(firsts.Add(first), $"stream {stream} repeats an earlier stream's first output");
        }
        Assert.NotEqual(Rng.ForStream(5, 1).NextUInt64(), Rng.ForStream(6, 1).NextUInt64());
    }

    [Fact]
    public void StateRoundTrips()
    {
        var rng = new Rng(77);
        rng.NextUInt64();
        var state = new ulong[Rng.StateLength];
        rng.SaveState(state);
        Rng restored = Rng.FromState(state);
        for (int i = 0; i < 10; i++)
            Assert.Equal(rng.NextUInt64(), restored.NextUInt64());
    }

    [Fact]
    public void BadStatesAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Rng.FromState([0, 0, 0, 0]));
        Assert.Contains("all zeros", error.Message);
        error = Assert.Throws<ArgumentException>(() => Rng.FromState([1, 2, 3]));
        Assert.Contains("'state' has 3 words; expected 4", error.Message);
        error = Assert.Throws<ArgumentException>(() => new Rng(1).SaveState(new ulong[5]));
        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void UniformFloatsAreOnTheirGridInRangeAndRoughlyUniform()
    {
        const int Count = 200_000;
        var rng = new Rng(9);
        double sum = 0, sumOfSquares = 0;
        for (int i = 0; i < Count; i++)
        {
            double d = rng.NextDouble();
            Assert.InRange(d, 0.0, Math.BitDecrement(1.0));
            Assert.Equal(Math.Floor(d * (1UL << 53)), d * (1UL << 53));
            float f = rng.NextSingle();
            Assert.InRange(f, 0f, MathF.BitDecrement(1f));
            Assert.Equal(MathF.Floor(f * (1 << 24)), f * (1 << 24));
            sum += d;
            sumOfSquares += d * d;
        }
        double mean = sum / Count;
        // Uniform [0, 1): mean 1/2, variance 1/12; the mean's standard error is 0.00065.
        Assert.Equal(0.5, mean, 0.004);
        Assert.Equal(1 / 12.0, sumOfSquares / Count - mean * mean, 0.002);
    }

    [Fact]
    public void UpperBitsAreUsedForSmallerDraws()
    {
        Rng a = Rng.FromState([1, 2, 3, 4]);
        Rng b = a;
        ulong full = a.NextUInt64();
        Assert.Equal((uint)(full >> 32), b.NextUInt32());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void IntegersStayBelowTheBound(int bound)
    {
        var rng = new Rng((ulong)bound);
        for (int i = 0; i < 10_000; i++)
            Assert.InRange(rng.NextInt32(bound), 0, bound - 1);
    }

    [Fact]
    public void IntegersAreUnbiased()
    {
        // 7 buckets: 70,000 draws, 10,000 expected each. Chi-square with 6 degrees of freedom has its
        // 99.99th percentile at 27.9; a biased generator would exceed it.
        var counts = new int[7];
        var rng = new Rng(11);
        for (int i = 0; i < 70_000; i++)
            counts[rng.NextInt32(7)]++;
        double chiSquare = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
        Assert.True(chiSquare < 27.9, $"chi-square {chiSquare:F1} over counts [{string.Join(", ", counts)}]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void NonPositiveBoundIsRejected(int bound)
    {
        var rng = new Rng(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt32(bound));
        Assert.Equal("maxExclusive", error.ParamName);
        Assert.Contains($"'maxExclusive' is {bound}; expected 1 or more.", error.Message);
    }

    [Fact]
    public void NormalsHaveUnitVarianceAndUseTwoDraws()
    {
        const int Count = 200_000;
        var rng = new Rng(13);
        double sum = 0, sumOfSquares = 0;
        int beyondTwo = 0;
        for (int i = 0; i < Count; i++)
        {
            double z = rng.NextNormal();
            sum += z;
            sumOfSquares += z * z;
            if (Math.Abs(z) > 2)
                beyondTwo++;
        }
        double mean = sum / Count;
        Assert.Equal(0, mean, 0.01);
        Assert.Equal(1, sumOfSquares / Count - mean * mean, 0.015);
        // P(|Z| > 2) = 0.0455.
        Assert.Equal(0.0455, beyondTwo / (double)Count, 0.003);

        var a = new Rng(14);
        Rng b = a;
        a.NextNormal();
        b.NextUInt64();
        b.NextUInt64();
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }
}
