namespace Precast.Metrics;

/// <summary>Measures a trained classifier's loss and accuracy on a data set.</summary>
public static class Evaluation
{
    /// <summary>
    /// Runs <paramref name="model"/> in inference mode over every sample, in batches of at most
    /// <see cref="IModel{T}.MaxBatch"/>, and returns the mean loss and the top-1 accuracy, as PyTorch's
    /// usual evaluation loop under <c>model.eval()</c> and <c>torch.no_grad()</c> would. The model's
    /// previous training/inference mode is restored afterwards, even if a call throws. Allocates
    /// nothing.
    /// </summary>
    /// <remarks>
    /// Each sample's output of <see cref="IModel{T}.OutputLength"/> values is read as
    /// <see cref="ITrainable{T, TTarget}.TargetLength"/> rows of class scores, one row per label (for a
    /// plain classifier: one row of <c>OutputLength</c> classes per sample). The accuracy is over all
    /// labels; argmax ties go to the lower class index, as in <see cref="Accuracy.CountCorrect(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int)"/>.
    /// </remarks>
    /// <param name="model">The model to evaluate; its parameters are not changed.</param>
    /// <param name="inputs">The samples, <see cref="IModel{T}.InputLength"/> values each; at least one.</param>
    /// <param name="labels">The class labels, <see cref="ITrainable{T, TTarget}.TargetLength"/> per sample.</param>
    /// <returns>The mean loss, the accuracy and the number of samples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> is empty or not a whole number of samples, <paramref name="labels"/> has
    /// the wrong length, or a label is not a class index.
    /// </exception>
    public static EvaluationResult Evaluate(ITrainable<float, int> model, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        const string method = "Evaluation.Evaluate";
        ArgumentNullException.ThrowIfNull(model);
        int inputLength = model.InputLength;
        int targetLength = model.TargetLength;
        int maxBatch = model.MaxBatch;
        if (inputLength < 1 || targetLength < 1 || maxBatch < 1 || model.OutputLength % targetLength != 0)
            throw new ArgumentException(
                $"{method}: model '{model.ModelName}' has InputLength {inputLength}, OutputLength {model.OutputLength}, " +
                $"TargetLength {targetLength} and MaxBatch {maxBatch}; expected OutputLength to be a whole number of " +
                "class-score rows per label, and the others at least 1.",
                nameof(model));
        int classes = model.OutputLength / targetLength;
        // Guard.Batch is reached only for a bad length (it throws then), so a valid call does not
        // format the shape text and allocates nothing.
        int count = inputs.Length > 0 && inputs.Length % inputLength == 0
            ? inputs.Length / inputLength
            : Guard.Batch(inputs.Length, inputLength, int.MaxValue, method, nameof(inputs), ShapeText.Format(model.InputShape));
        Guard.Length(labels.Length, count, targetLength, method, nameof(labels));
        MetricArguments.Labels(labels, classes, method);

        bool wasTraining = model.IsTraining;
        model.IsTraining = false;
        try
        {
            double lossSum = 0;
            long correct = 0;
            for (int start = 0; start < count; start += maxBatch)
            {
                int batch = Math.Min(maxBatch, count - start);
                ReadOnlySpan<int> batchLabels = labels.Slice(start * targetLength, batch * targetLength);
                ReadOnlySpan<float> outputs = model.Forward(inputs.Slice(start * inputLength, batch * inputLength));
                lossSum += (double)model.ComputeLoss(batchLabels) * batch;
                correct += Accuracy.CountCorrect(outputs, batchLabels, classes);
            }
            return new EvaluationResult(lossSum / count, (double)correct / labels.Length, count);
        }
        finally
        {
            model.IsTraining = wasTraining;
        }
    }
}
