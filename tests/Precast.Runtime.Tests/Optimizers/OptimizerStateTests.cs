using System.Numerics;
using Precast.Optimizers;
using Precast.Schedules;

namespace Precast.Runtime.Tests.Optimizers;

public class OptimizerStateTests
{
    [Fact]
    public void Names_FollowTheConfiguration()
    {
        var model = TensorTestModel<float>.Mlp();
        var adam = new Adam<float>(model, new AdamOptions(), ParameterGroup.NoDecay(new AdamOptions { Amsgrad = true }));
        var sgd = new Sgd<float>(3, new SgdOptions());
        var nadam = new NAdam<double>(3, new NAdamOptions());
        var rmsprop = new RmsProp<float>(3, new RmsPropOptions { Centered = true });
        var adagrad = new Adagrad<float>(3, new AdagradOptions());

        Assert.Equal(["adam.exp_avg", "adam.exp_avg_sq", "adam.max_exp_avg_sq"], adam.State.BufferNames);
        Assert.Equal(["adam.step", "adam.group0.lr", "adam.group0.momentum", "adam.group1.lr", "adam.group1.momentum"], adam.State.ScalarNames);
        Assert.Empty(sgd.State.BufferNames);
        Assert.Equal(["sgd.step", "sgd.group0.lr"], sgd.State.ScalarNames);
        Assert.Equal(["nadam.step", "nadam.group0.lr", "nadam.group0.momentum", "nadam.group0.mu_product"], nadam.State.ScalarNames);
        Assert.Equal(["rmsprop.square_avg", "rmsprop.grad_avg"], rmsprop.State.BufferNames);
        Assert.Equal(["adagrad.sum"], adagrad.State.BufferNames);
        Assert.Equal(model.Parameters.Length, adam.State.Buffer(2).Length);
    }

    [Fact]
    public void Buffers_StartFromTheirInitialValuesPerGroup()
    {
        var model = TensorTestModel<float>.Mlp();
        var options = new AdagradOptions { InitialAccumulatorValue = 0.5 };
        var adagrad = new Adagrad<float>(model, options, ParameterGroup.NoDecay(options with { InitialAccumulatorValue = 0.25 }));

        Span<float> sum = adagrad.State.Buffer(0);

        Assert.Equal(0.5f, sum[0]);
        Assert.Equal(0.25f, sum[30]);
        Assert.Equal(0.5f, sum[48]);
        Assert.Equal(0.25f, sum[68]);
    }

    public static TheoryData<string, string> KindsAndPrecisions => OptimizerKinds.NamesAndPrecisions;

    [Theory]
    [MemberData(nameof(KindsAndPrecisions))]
    public void SaveAndRestore_IntoAFreshOptimizer_ContinuesBitForBit(string kind, string precision)
    {
        if (precision == "float")
            Resumes<float>(kind);
        else
            Resumes<double>(kind);
    }

    /// <summary>
    /// Ten steps with groups, a one-cycle schedule changing every group's rate and momentum, against the
    /// same ten steps interrupted after four: the state saved, a fresh model and optimizer built, the
    /// state restored, and six more steps.
    /// </summary>
    private static void Resumes<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int total = 10, saveAfter = 4;
        var schedule = new OneCycle(totalSteps: total, pctStart: 0.4);
        var uninterrupted = TensorTestModel<T>.Mlp();
        IOptimizer<T> reference = OptimizerKinds.ForModel(kind, uninterrupted, groups: true);
        bool cycleMomentum = reference.Groups.All(g => g.HasMomentum);
        for (int step = 0; step < total; step++)
            Step(reference, uninterrupted, schedule, step, cycleMomentum);

        var first = TensorTestModel<T>.Mlp();
        IOptimizer<T> before = OptimizerKinds.ForModel(kind, first, groups: true);
        for (int step = 0; step < saveAfter; step++)
            Step(before, first, schedule, step, cycleMomentum);
        T[] savedParameters = first.Parameters.ToArray();
        T[][] savedBuffers = [.. Enumerable.Range(0, before.State.BufferNames.Count).Select(b => before.State.Buffer(b).ToArray())];
        double[] savedScalars = [.. Enumerable.Range(0, before.State.ScalarNames.Count).Select(before.State.GetScalar)];

        var second = TensorTestModel<T>.Mlp();
        savedParameters.CopyTo(second.Parameters);
        IOptimizer<T> after = OptimizerKinds.ForModel(kind, second, groups: true);
        Assert.Equal(before.State.BufferNames, after.State.BufferNames);
        Assert.Equal(before.State.ScalarNames, after.State.ScalarNames);
        for (int b = 0; b < savedBuffers.Length; b++)
            savedBuffers[b].CopyTo(after.State.Buffer(b));
        for (int s = 0; s < savedScalars.Length; s++)
            after.State.SetScalar(s, savedScalars[s]);
        Assert.Equal(saveAfter, after.StepCount);
        for (int step = saveAfter; step < total; step++)
            Step(after, second, schedule, step, cycleMomentum);

        Assert.Equal(uninterrupted.Parameters.ToArray(), second.Parameters.ToArray());
        for (int b = 0; b < savedBuffers.Length; b++)
            Assert.Equal(reference.State.Buffer(b).ToArray(), after.State.Buffer(b).ToArray());
    }

    private static void Step<T>(IOptimizer<T> optimizer, TensorTestModel<T> model, OneCycle schedule, int step, bool cycleMomentum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Gradients that change with the step and the parameters, as a real loss's would.
        Span<T> gradients = model.Gradients;
        Span<T> parameters = model.Parameters;
        for (int i = 0; i < gradients.Length; i++)
            gradients[i] = T.CreateTruncating(Math.Sin(step + i) * 0.3) + parameters[i] * T.CreateTruncating(0.1);
        if (cycleMomentum)
            optimizer.ApplySchedule(schedule, step);
        else
            optimizer.ApplySchedule(new OneCycle(schedule.TotalSteps, schedule.PctStart, cycleMomentum: false), step);
        optimizer.Step();
    }

    [Fact]
    public void SetScalar_RejectsValuesNoOptimizerCouldHave()
    {
        IOptimizerState<double> state = new NAdam<double>(3, new NAdamOptions()).State;

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(0, -1));
        var fraction = Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(0, 2.5));
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(1, double.NaN));
        var beta = Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(2, 1.5));
        var product = Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(3, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.GetScalar(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.Buffer(2));

        Assert.Contains("NAdam: the saved 'nadam.step' is -1; expected a whole number, 0 or more.", negative.Message);
        Assert.Contains("'nadam.step' is 2.5", fraction.Message);
        Assert.Contains("NAdam: LearningRate is NaN", rate.Message);
        Assert.Contains("NAdam: Beta1 is 1.5", beta.Message);
        Assert.Contains("NAdam: the saved 'nadam.group0.mu_product' is Infinity; expected a finite value.", product.Message);
    }

    [Fact]
    public void AGroupWithoutMomentum_RestoresTheZeroItReports()
    {
        var model = TensorTestModel<float>.Mlp();
        var options = new SgdOptions { Momentum = 0.9 };
        var sgd = new Sgd<float>(model, options, ParameterGroup.NoDecay(options with { Momentum = 0 }));
        IOptimizerState<float> state = sgd.State;
        int index = state.ScalarNames.ToList().IndexOf("sgd.group1.momentum");

        Assert.Equal(0, state.GetScalar(index));
        state.SetScalar(index, 0);
        Assert.Throws<InvalidOperationException>(() => state.SetScalar(index, 0.5));
    }
}
