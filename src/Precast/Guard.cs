namespace Precast;

/// <summary>
/// Argument checks shared by generated models and the runtime. Every message names the method,
/// the argument, what it held and what was expected, so a wrong call is fixed from the message
/// alone.
/// </summary>
public static class Guard
{
    /// <summary>
    /// Returns how many samples a flat buffer holds, after checking that it holds a whole number of
    /// samples, at least one and at most <paramref name="maxBatch"/>.
    /// </summary>
    /// <param name="length">The buffer's length.</param>
    /// <param name="sampleLength">Values per sample.</param>
    /// <param name="maxBatch">The model's capacity.</param>
    /// <param name="method">The method being called, as <c>Model.Method</c>.</param>
    /// <param name="argument">The argument's name.</param>
    /// <param name="sampleShape">The sample shape, for the message: <c>[1, 28, 28]</c>.</param>
    public static int Batch(int length, int sampleLength, int maxBatch, string method, string argument, string sampleShape)
    {
        if (length == 0)
            throw new ArgumentException(
                $"{method}: '{argument}' is empty; expected at least one sample of {sampleLength} values (shape {sampleShape}).",
                argument);
        if (length % sampleLength != 0)
            throw new ArgumentException(
                $"{method}: '{argument}' has {length} values, which is not a whole number of samples of {sampleLength} values (shape {sampleShape}); " +
                $"{length / sampleLength} samples would be {length / sampleLength * sampleLength} values.",
                argument);
        int batch = length / sampleLength;
        if (batch > maxBatch)
            throw new ArgumentException(
                $"{method}: '{argument}' holds {batch} samples, but the model was constructed with maxBatch {maxBatch}; " +
                "pass at most that many, or construct the model with a larger maxBatch.",
                argument);
        return batch;
    }

    /// <summary>
    /// Checks that a training pass gives a batch normalization over single values (a [features]
    /// sample) at least two samples: one value per feature has no variance to normalize by.
    /// </summary>
    /// <param name="batch">The samples of the pass.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="layer">The layer, as messages name it: <c>BatchNorm 'Norm1'</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="batch"/> is less than 2.</exception>
    public static void BatchStatistics(int batch, string model, string layer)
    {
        if (batch < 2)
            throw new ArgumentException(
                $"{model}: {layer} normalizes each feature over the batch while training, so a training pass needs at least 2 samples; it got {batch}. " +
                "Train with batches of 2 or more, or set IsTraining = false to run one sample with the running statistics.",
                "inputs");
    }

    /// <summary>Checks that a buffer has exactly the length a batch needs.</summary>
    /// <param name="length">The buffer's length.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="perSample">Values per sample.</param>
    /// <param name="method">The method being called, as <c>Model.Method</c>.</param>
    /// <param name="argument">The argument's name.</param>
    public static void Length(int length, int batch, int perSample, string method, string argument)
    {
        if (length != batch * perSample)
            throw new ArgumentException(
                $"{method}: '{argument}' has {length} values; expected {batch * perSample} " +
                (perSample == 1 ? $"(one per sample, {batch} samples)." : $"({perSample} per sample, {batch} samples)."),
                argument);
    }

    /// <summary>Checks that <see cref="IModel{T}.Forward"/> has run before a method that reads its outputs.</summary>
    /// <param name="batch">The batch of the latest Forward, or 0 if there was none.</param>
    /// <param name="method">The method being called, as <c>Model.Method</c>.</param>
    public static void ForwardRan(int batch, string method)
    {
        if (batch == 0)
            throw new InvalidOperationException($"{method}: call Forward first; there are no outputs to work from.");
    }

    /// <summary>Checks that Loss has stored an output gradient for the latest Forward before Backward() propagates it.</summary>
    /// <param name="lossRan">Whether Loss ran after the latest Forward.</param>
    /// <param name="method">The method being called, as <c>Model.Method</c>.</param>
    public static void LossRan(bool lossRan, string method)
    {
        if (!lossRan)
            throw new InvalidOperationException(
                $"{method}: there is no output gradient to propagate; call Forward and then Loss first, " +
                "or pass your own output gradient to Backward(outputGradient).");
    }

    /// <summary>Checks a constructor's maxBatch.</summary>
    /// <param name="maxBatch">The requested capacity.</param>
    /// <param name="largestSampleLength">The largest tensor a sample needs, to rule out overflowing buffers.</param>
    /// <param name="model">The model's name.</param>
    public static void MaxBatch(int maxBatch, int largestSampleLength, string model)
    {
        if (maxBatch < 1)
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, $"{model}: maxBatch must be at least 1.");
        if ((long)maxBatch * largestSampleLength > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch,
                $"{model}: maxBatch {maxBatch} needs a buffer of {(long)maxBatch * largestSampleLength} values, more than an array can hold; " +
                $"use at most {Array.MaxLength / largestSampleLength}.");
    }

    /// <summary>
    /// The exception every member of a model throws when the generator could not generate it:
    /// its declaration has compile errors, and this build went ahead only because they were silenced.
    /// </summary>
    /// <param name="model">The model's name.</param>
    public static InvalidOperationException NotGenerated(string model) =>
        new($"Model '{model}' was not generated because its declaration has errors; see the Precast (PCxxxx) diagnostics of the build, fix them and rebuild.");
}
