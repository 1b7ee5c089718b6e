using System.Globalization;
using System.Text.RegularExpressions;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// The memory plan places every activation, gradient and layer buffer by lifetime. On a deep model
/// most tensors are dead long before the pass ends (what the backward pass does not read is free
/// once the next layer has run; a gradient lives only from its first writer to its producer's
/// backward step), so the workspace must come out far smaller than one buffer per tensor.
/// </summary>
public sealed partial class MemoryPlanTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    public void ADeepResidualMlpNeedsFarLessThanOneBufferPerTensor(int blocks)
    {
        (int planned, long unplanned) = Plan(DeepResidualMlp(blocks));
        // Each block keeps what its backward steps read (a Relu's output, a Dense's input) for the
        // whole pass; everything else is reused. Measured: about 30% of one buffer per tensor.
        Assert.True(planned * 2 < unplanned, $"{blocks} blocks: {planned} values per sample, one buffer per tensor {unplanned}");
    }

    [Fact]
    public void TheWorkspaceGrowsWithWhatTheBackwardPassKeepsNotWithEveryTensor()
    {
        (int four, long fourUnplanned) = Plan(DeepResidualMlp(4));
        (int twenty, long twentyUnplanned) = Plan(DeepResidualMlp(20));
        // Going from 4 to 20 blocks adds the same tensors 16 times over; the plan grows by what each
        // block must keep for its backward steps (its Relus' outputs), not by all of them.
        long addedTensors = twentyUnplanned - fourUnplanned;
        long addedWorkspace = twenty - four;
        Assert.True(addedWorkspace * 3 < addedTensors, $"added {addedWorkspace} values per sample for {addedTensors} added tensor values");
    }

    /// <summary>A residual MLP: a stem, then blocks of Dense, Relu, Dense added to their input and a Relu, then a head.</summary>
    public static string DeepResidualMlp(int blocks) => $$"""
        using Precast;

        namespace App;

        [Block]
        [Dense(64), Relu]
        [Dense(64)]
        public sealed class TwoLayer;

        [Block]
        [Residual(typeof(TwoLayer)), Relu]
        public sealed class ResidualBlock;

        [Model(Input = [32])]
        [Dense(64, Name = "Stem"), Relu]
        [Repeat(typeof(ResidualBlock), {{blocks}}, Name = "Blocks")]
        [Dense(10, Name = "Head")]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class DeepResidual;
        """;

    private static (int Planned, long Unplanned) Plan(string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string text = Assert.Single(result.Sources).Text;
        int planned = int.Parse(Planned().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        long unplanned = long.Parse(Unplanned().Match(text).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return (planned, unplanned);
    }

    [GeneratedRegex(@"private const int WorkspaceValuesPerSample = (\d+);")]
    private static partial Regex Planned();

    [GeneratedRegex(@"one buffer per tensor would take ([\d,]+)\)")]
    private static partial Regex Unplanned();
}
