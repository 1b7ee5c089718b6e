using System.Globalization;
using System.Numerics;
using Precast.Optimizers;
using Xunit.Abstractions;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>
/// Every optimizer, with and without parameter groups, penalties and clipping, against PyTorch's
/// trajectories over 20 steps, in float and in double.
/// </summary>
public class TorchOptimizerTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => OptimizerFixtures.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_MatchesTorchAfterEveryStep_InFloat(string name) => MatchesTorch<float>(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_MatchesTorchAfterEveryStep_InDouble(string name) => MatchesTorch<double>(name);

    private static void MatchesTorch<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerCase fixture = OptimizerFixtures.Case(name);
        IOptimizer<T> optimizer = fixture.Create<T>();

        OptimizerFixtures.Replay(fixture, optimizer, fixture.Initial<T>());

        Assert.Equal(fixture.Steps, optimizer.StepCount);
        AssertStateMatches(fixture, optimizer);
    }

    /// <summary>The optimizer's state buffers are PyTorch's, under PyTorch's names, and nothing else.</summary>
    private static void AssertStateMatches<T>(OptimizerCase fixture, IOptimizer<T> optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        IOptimizerState<T> state = optimizer.State;
        IReadOnlyDictionary<string, double[]> torch = fixture.State<T>();
        string prefix = optimizer.Name.ToLowerInvariant() + ".";
        Assert.Equal(torch.Keys.Where(k => k != "mu_product").Select(k => prefix + k).Order(), state.BufferNames.Order());
        for (int b = 0; b < state.BufferNames.Count; b++)
        {
            T[] expected = [.. torch[state.BufferNames[b][prefix.Length..]].Select(T.CreateTruncating)];
            OptimizerFixtures.AssertClose<T>(expected, state.Buffer(b), $"{fixture.Name} ({typeof(T).Name}), {state.BufferNames[b]}");
        }
        if (torch.TryGetValue("mu_product", out double[]? products))
        {
            // PyTorch keeps one product per tensor; each of a group's tensors has the group's.
            for (int g = 0; g < optimizer.Groups.Count; g++)
            {
                int index = IndexOf(state, $"nadam.group{g}.mu_product");
                Assert.Equal(products[optimizer.Groups.Count == 1 ? 0 : g], state.GetScalar(index), OptimizerFixtures.Tolerance<T>());
            }
        }
    }

    private static int IndexOf(IScalarState state, string name)
    {
        for (int i = 0; i < state.ScalarNames.Count; i++)
        {
            if (state.ScalarNames[i] == name)
                return i;
        }
        throw new KeyNotFoundException($"no scalar '{name}'; there are {string.Join(", ", state.ScalarNames)}");
    }

    /// <summary>The largest deviations per optimizer and precision, for the record (the theories above assert the bounds).</summary>
    [Fact]
    public void LargestDeviations_ArePrinted()
    {
        var rows = new SortedDictionary<string, (OptimizerFixtures.Deviation Float, OptimizerFixtures.Deviation Double)>();
        foreach (OptimizerCase fixture in OptimizerFixtures.All())
        {
            OptimizerFixtures.Deviation single = OptimizerFixtures.Replay(fixture, fixture.Create<float>(), fixture.Initial<float>());
            OptimizerFixtures.Deviation twice = OptimizerFixtures.Replay(fixture, fixture.Create<double>(), fixture.Initial<double>());
            rows.TryGetValue(fixture.Optimizer, out var row);
            rows[fixture.Optimizer] = (row.Float.Max(single), row.Double.Max(twice));
        }
        output.WriteLine("optimizer  float: |Δ|/(1+|p|)  relative (|p| ≥ 0.1)   double: |Δ|/(1+|p|)  relative");
        foreach ((string optimizer, (OptimizerFixtures.Deviation single, OptimizerFixtures.Deviation twice)) in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{optimizer,-9}  {single.Normalized,17:E2}  {single.Relative,20:E2}   {twice.Normalized,18:E2}  {twice.Relative,8:E2}"));
        }
        Assert.Equal(8, rows.Count);
    }
}
