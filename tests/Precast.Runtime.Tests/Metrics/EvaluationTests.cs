using Precast.Metrics;
using Precast.Runtime.Tests.Optimizers;

namespace Precast.Runtime.Tests.Metrics;

public class EvaluationTests
{
    /// <summary>A 3-input, 4-class linear model with fixed weights, holding at most 4 samples a batch.</summary>
    private static LinearTestModel FixedModel()
    {
        var model = new LinearTestModel(inputLength: 3, classes: 4, maxBatch: 4);
        for (int i = 0; i < model.Parameters.Length; i++)
            model.Parameters[i] = MathF.Cos(1.7f * i);
        return model;
    }

    private static float[] Inputs(int samples) => Enumerable.Range(0, samples * 3).Select(i => MathF.Sin(0.9f * i)).ToArray();

    [Fact]
    public void Evaluate_HandComputedCase()
    {
        // logits = inputs (identity weights, zero bias). Sample 0: (2, 0), label 0, right; sample 1:
        // (0, 1), label 0, wrong; sample 2: (0, 0), label 1, a tie that argmax gives to class 0, wrong.
        // MaxBatch 2 makes batches of 2 and 1 samples, so the weighting of batch means matters.
        var model = new LinearTestModel(inputLength: 2, classes: 2, maxBatch: 2);
        float[] identity = [1, 0, 0, 1, 0, 0];
        identity.CopyTo(model.Parameters);

        EvaluationResult result = Evaluation.Evaluate(model, [2, 0, 0, 1, 0, 0], [0, 0, 1]);

        double expectedLoss = (Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.E) + Math.Log(2)) / 3;
        Assert.Equal(expectedLoss, result.Loss, 6);
        Assert.Equal(1 / 3.0, result.Accuracy, 12);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public void Evaluate_MatchesAPlainComputationOverAllSamples()
    {
        LinearTestModel model = FixedModel();
        float[] inputs = Inputs(10);
        int[] labels = Enumerable.Range(0, 10).Select(i => i * 7 % 4).ToArray();

        double lossSum = 0;
        int correct = 0;
        for (int n = 0; n < 10; n++)
        {
            double[] logits = new double[4];
            for (int c = 0; c < 4; c++)
            {
                logits[c] = model.Parameters[12 + c];
                for (int i = 0; i < 3; i++)
                    logits[c] += (double)model.Parameters[c * 3 + i] * inputs[n * 3 + i];
            }
            lossSum += Math.Log(logits.Sum(Math.Exp)) - logits[labels[n]];
            if (Array.IndexOf(logits, logits.Max()) == labels[n])
                correct++;
        }

        EvaluationResult result = Evaluation.Evaluate(model, inputs, labels);

        Assert.Equal(lossSum / 10, result.Loss, 5);
        Assert.Equal(correct / 10.0, result.Accuracy, 12);
        Assert.InRange(correct, 1, 9);
        Assert.Equal(10, result.Count);
        Assert.Equal(3, model.ForwardCalls);
        Assert.Equal(4, model.LargestBatch);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Evaluate_RunsInInferenceModeAndRestoresTheMode(bool training)
    {
        LinearTestModel model = FixedModel();
        model.IsTraining = training;
        float[] parameters = model.Parameters.ToArray();

        Evaluation.Evaluate(model, Inputs(9), new int[9]);

        Assert.False(model.ForwardRanInTraining);
        Assert.Equal(training, model.IsTraining);
        Assert.Equal(parameters, model.Parameters.ToArray());
    }

    [Fact]
    public void Evaluate_RestoresTrainingModeWhenTheModelThrows()
    {
        LinearTestModel model = FixedModel();
        model.FailingForwardCall = 2;

        Assert.Throws<InvalidOperationException>(() => Evaluation.Evaluate(model, Inputs(9), new int[9]));

        Assert.True(model.IsTraining);
    }

    [Fact]
    public void Evaluate_RejectsBadInputsBeforeRunningTheModel()
    {
        LinearTestModel model = FixedModel();

        var empty = Assert.Throws<ArgumentException>(() => Evaluation.Evaluate(model, [], []));
        var partial = Assert.Throws<ArgumentException>(() => Evaluation.Evaluate(model, new float[7], new int[2]));
        var labels = Assert.Throws<ArgumentException>(() => Evaluation.Evaluate(model, new float[6], new int[3]));
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Evaluate(model, new float[6], [0, 4]));

        Assert.Contains("Evaluation.Evaluate: 'inputs' is empty", empty.Message);
        Assert.Contains("'inputs' has 7 values, which is not a whole number of samples of 3 values (shape [3])", partial.Message);
        Assert.Contains("'labels' has 3 values; expected 2 (one per sample, 2 samples)", labels.Message);
        Assert.Contains("labels[1] is 4; expected a class index from 0 to 3", label.Message);
        Assert.Equal(0, model.ForwardCalls);
        Assert.True(model.IsTraining);
    }

    [Fact]
    public void Evaluate_AllocatesNothing()
    {
        LinearTestModel model = FixedModel();
        float[] inputs = Inputs(50);
        int[] labels = new int[50];
        EvaluationResult expected = Evaluation.Evaluate(model, inputs, labels);

        Allocations.AssertNone(() => Evaluation.Evaluate(model, inputs, labels), callsPerRound: 20);

        Assert.Equal(expected, Evaluation.Evaluate(model, inputs, labels));
    }
}
