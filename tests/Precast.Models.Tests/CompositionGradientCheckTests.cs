using Precast.Models.Tests.Models;

namespace Precast.Models.Tests;

/// <summary>
/// Every composition (residual with and without projection, concat, sum, scale, highway, repeat,
/// blocks inside blocks, a tensor read by three consumers) through the code the generator emits,
/// against finite differences in double precision: parameter gradients and input gradients, and
/// for a model without InputGradient the parameter gradients of the path that skips dx.
/// </summary>
public sealed class CompositionGradientCheckTests
{
    private const int Batch = 3;

    [Fact] public void Residual() => Check(new ResidualCheck(Batch, seed: 11), m => m.InputGradient);

    [Fact] public void ResidualWithProjection() => Check(new ResidualProjectionCheck(Batch, seed: 12), m => m.InputGradient);

    [Fact] public void Concat() => Check(new ConcatCheck(Batch, seed: 13), m => m.InputGradient);

    [Fact] public void Sum() => Check(new SumCheck(Batch, seed: 14), m => m.InputGradient);

    [Fact] public void Scale() => Check(new ScaleCheck(Batch, seed: 15), m => m.InputGradient);

    [Fact] public void Highway() => Check(new HighwayCheck(Batch, seed: 16), m => m.InputGradient);

    [Fact] public void Repeat() => Check(new RepeatCheck(Batch, seed: 17), m => m.InputGradient);

    [Fact] public void ATensorWithThreeConsumers() => Check(new ThreeConsumersCheck(Batch, seed: 18), m => m.InputGradient);

    [Fact]
    public void BlocksInsideBlocks()
    {
        var model = new NestedCheck(Batch, seed: 19);
        var random = new Random(190);
        int[] labels = Enumerable.Range(0, Batch).Select(_ => random.Next(NestedCheck.OutputSize)).ToArray();
        ModelGradientCheck.Check(model, Inputs(random, Batch * NestedCheck.InputSize), labels, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void WithoutInputGradient()
    {
        var model = new NoInputGradientCheck(Batch, seed: 20);
        var random = new Random(200);
        ModelGradientCheck.Check(model, Inputs(random, Batch * NoInputGradientCheck.InputSize),
            Inputs(random, Batch * NoInputGradientCheck.OutputSize), inputGradient: null);
    }

    private static void Check<TModel>(TModel model, Func<TModel, ReadOnlySpan<double>> inputGradient)
        where TModel : ITrainable<double, double> =>
        ModelGradientCheck.CheckRegression(model, Batch, inputGradient);

    private static double[] Inputs(Random random, int count) => ModelGradientCheck.Uniform(random, count);
}
