using System.Diagnostics;
using System.Numerics;
using Precast.Data;
using Precast.Metrics;
using Precast.Optimizers;

namespace Precast.Training;

/// <summary>
/// Trains a model with an optimizer, epoch after epoch, as Keras's <c>fit</c>, <c>evaluate</c> and
/// <c>predict</c> do: each training step runs the model forward, computes the loss, back-propagates
/// and steps the optimizer; each epoch ends with the metrics on the training batches and, when given
/// validation data, on those; callbacks (<see cref="Callbacks"/>) watch and steer.
/// <code>
/// var trainer = Trainer.Create(model, new Adam&lt;float&gt;(model, new() { LearningRate = 1e-3 }));
/// trainer.Metrics.Add(new Accuracy(classes: 10));
/// trainer.Callbacks.Add(new EarlyStopping { Patience = 3 });
/// TrainingHistory history = trainer.Fit(data, epochs: 20, batchSize: 64, validationSplit: 0.1, seed: 42);
/// </code>
/// Works for every loss a model can have (class labels or values as targets) and both precisions;
/// the loop allocates nothing per training step (what an epoch's end does, such as recording the
/// history, may allocate).
/// </summary>
/// <typeparam name="T">The model's element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TTarget">What the model's loss takes as targets: <see cref="int"/> class labels or <typeparamref name="T"/> values.</typeparam>
public sealed class Trainer<T, TTarget> : ITrainingSession
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    private readonly List<IMetric<T, TTarget>> _metrics = [];
    private readonly List<ITrainingCallback> _callbacks = [];

    /// <summary>Trains <paramref name="model"/> with <paramref name="optimizer"/>, which must update that model's parameters.</summary>
    /// <exception cref="ArgumentException">The optimizer updates a different number of parameters than the model has.</exception>
    public Trainer(ITrainable<T, TTarget> model, IOptimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (optimizer.ParameterCount != model.Parameters.Length)
            throw new ArgumentException(
                $"Trainer: the optimizer updates {optimizer.ParameterCount} parameters, but model '{model.ModelName}' has {model.Parameters.Length}; " +
                "construct the optimizer for this model.", nameof(optimizer));
        Model = model;
        Optimizer = optimizer;
    }

    /// <summary>The model being trained.</summary>
    public ITrainable<T, TTarget> Model { get; }

    /// <summary>The optimizer.</summary>
    public IOptimizer<T> Optimizer { get; }

    /// <summary>
    /// The metrics measured on the training batches and on the validation data at each epoch's end,
    /// and by <see cref="Evaluate"/>, beside the loss. Each needs its own name.
    /// </summary>
    public IList<IMetric<T, TTarget>> Metrics => _metrics;

    /// <summary>The callbacks, called in this order; see <see cref="ITrainingCallback"/>.</summary>
    public IList<ITrainingCallback> Callbacks => _callbacks;

    /// <summary>
    /// Trains on <paramref name="data"/> in batches of <paramref name="batchSize"/>, shuffled each
    /// epoch, for epochs <paramref name="initialEpoch"/> to <paramref name="epochs"/> − 1, holding out
    /// <paramref name="validationSplit"/> of the samples (chosen at random by <paramref name="seed"/>,
    /// see <see cref="Dataset{T, TTarget}.Split"/>) to validate on at each epoch's end.
    /// </summary>
    /// <param name="data">The samples.</param>
    /// <param name="epochs">The epoch to stop before (Keras's <c>epochs</c>); at least <paramref name="initialEpoch"/>.</param>
    /// <param name="batchSize">Samples per training step; 1 to the model's <see cref="IModel{T}.MaxBatch"/>.</param>
    /// <param name="validationSplit">The share of samples held out for validation, in [0, 1); 0 for none.</param>
    /// <param name="seed">Chooses the validation samples and the order of every epoch.</param>
    /// <param name="initialEpoch">The first epoch to run, from 0: later when resuming (the shuffles and schedules continue as if the earlier epochs had run here).</param>
    /// <param name="cancellationToken">Ends training with <see cref="OperationCanceledException"/> before the next batch.</param>
    public TrainingHistory Fit(Dataset<T, TTarget> data, int epochs, int batchSize, double validationSplit = 0, ulong seed = 0,
        int initialEpoch = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit,
                "Trainer.Fit: 'validationSplit' must be at least 0 (no validation) and less than 1.");
        Dataset<T, TTarget> train = data;
        Dataset<T, TTarget>? validation = null;
        if (validationSplit > 0)
            (train, validation) = data.Split(validationSplit, seed);
        return Fit(new Batcher<T, TTarget>(train, batchSize, shuffle: true, seed), epochs, validation, initialEpoch, cancellationToken);
    }

    /// <summary>
    /// Trains on the batches of <paramref name="batches"/> (a <see cref="Batcher{T, TTarget}"/> or a
    /// <see cref="Prefetcher{T, TTarget}"/>), for epochs <paramref name="initialEpoch"/> to
    /// <paramref name="epochs"/> − 1, validating on <paramref name="validation"/> at each epoch's end
    /// when given. The model is in training mode for the steps and in inference mode for validation,
    /// and back in the mode it was in when <c>Fit</c> returns.
    /// </summary>
    /// <param name="batches">The training batches; epoch <c>e</c> is <c>batches.Epoch(e)</c>.</param>
    /// <param name="epochs">The epoch to stop before (Keras's <c>epochs</c>); at least <paramref name="initialEpoch"/>.</param>
    /// <param name="validation">Samples to measure the loss and metrics on after each epoch, or null.</param>
    /// <param name="initialEpoch">The first epoch to run, from 0: later when resuming.</param>
    /// <param name="cancellationToken">Ends training with <see cref="OperationCanceledException"/> before the next batch.</param>
    /// <returns>Each finished epoch's results, and why training stopped early if it did.</returns>
    /// <exception cref="ArgumentException">The batches or validation samples do not fit the model, or two metrics share a name.</exception>
    public TrainingHistory Fit(BatchSource<T, TTarget> batches, int epochs, ISampleSource<T, TTarget>? validation = null, int initialEpoch = 0,
        CancellationToken cancellationToken = default)
    {
        const string method = "Trainer.Fit";
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentOutOfRangeException.ThrowIfNegative(initialEpoch);
        if (epochs < initialEpoch)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs,
                $"{method}: 'epochs' is {epochs}, before 'initialEpoch' {initialEpoch}; Fit runs epochs initialEpoch to epochs − 1.");
        CheckSamples(batches.Samples, method, nameof(batches));
        if (batches.BatchSize > Model.MaxBatch)
            throw new ArgumentException(
                $"{method}: the batches hold up to {batches.BatchSize} samples, but model '{Model.ModelName}' was constructed with maxBatch {Model.MaxBatch}; " +
                "use smaller batches or construct the model with a larger maxBatch.", nameof(batches));
        BatchSource<T, TTarget>? validationBatches = null;
        if (validation is not null)
        {
            CheckSamples(validation, method, nameof(validation));
            validationBatches = InferenceBatches(validation);
        }

        IMetric<T, TTarget>[] metrics = [.. _metrics];
        ITrainingCallback[] callbacks = [.. _callbacks];
        MetricValues values = new(Names(metrics, validation is not null));
        var history = new TrainingHistory(values.Names);
        var context = new TrainingContext(this, Model.ModelName, Optimizer, values, history,
            initialEpoch, epochs, batches.BatchesPerEpoch, batches.SamplesPerEpoch, validation is not null);

        bool wasTraining = Model.IsTraining;
        try
        {
            foreach (ITrainingCallback callback in callbacks)
                callback.OnTrainBegin(context);
            for (int epoch = initialEpoch; epoch < epochs && !context.StopTraining; epoch++)
            {
                if (!RunEpoch(epoch, batches, validationBatches, metrics, callbacks, context, cancellationToken))
                    break;
            }
            history.StoppedEarly = context.StopTraining;
            history.StopReason = context.StopReason;
            foreach (ITrainingCallback callback in callbacks)
                callback.OnTrainEnd(context);
        }
        finally
        {
            Model.IsTraining = wasTraining;
        }
        return history;
    }

    /// <summary>
    /// The mean loss per sample and every metric of <see cref="Metrics"/> over <paramref name="data"/>,
    /// the model in inference mode (restored afterwards), in batches of its
    /// <see cref="IModel{T}.MaxBatch"/>.
    /// </summary>
    /// <param name="data">The samples: a <see cref="Dataset{T, TTarget}"/> or any other source.</param>
    /// <returns><c>loss</c> and each metric by its name.</returns>
    /// <exception cref="ArgumentException">The samples do not fit the model, or two metrics share a name.</exception>
    public MetricValues Evaluate(ISampleSource<T, TTarget> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckSamples(data, "Trainer.Evaluate", nameof(data));
        IMetric<T, TTarget>[] metrics = [.. _metrics];
        MetricValues values = new(Names(metrics, validation: false));
        Validate(InferenceBatches(data), metrics, values, offset: 0);
        return values;
    }

    /// <summary>
    /// The model's predictions for every sample of <paramref name="inputs"/> (its outputs with the
    /// loss's link applied: class probabilities for a softmax classifier), in batches of its
    /// <see cref="IModel{T}.MaxBatch"/>.
    /// </summary>
    /// <param name="inputs">Whole samples of <see cref="IModel{T}.InputLength"/> values; at least one.</param>
    /// <returns><see cref="IModel{T}.OutputLength"/> values per sample.</returns>
    public T[] Predict(ReadOnlySpan<T> inputs)
    {
        var outputs = new T[SampleCount(inputs.Length, "Trainer.Predict") * Model.OutputLength];
        Predict(inputs, outputs);
        return outputs;
    }

    /// <summary>Writes the model's predictions for <paramref name="inputs"/> into <paramref name="outputs"/>; allocates nothing.</summary>
    /// <param name="inputs">Whole samples of <see cref="IModel{T}.InputLength"/> values; at least one.</param>
    /// <param name="outputs">Receives <see cref="IModel{T}.OutputLength"/> values per sample.</param>
    public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        const string method = "Trainer.Predict";
        int count = SampleCount(inputs.Length, method);
        Guard.Length(outputs.Length, count, Model.OutputLength, method, nameof(outputs));
        int inputLength = Model.InputLength, outputLength = Model.OutputLength, maxBatch = Model.MaxBatch;
        for (int start = 0; start < count; start += maxBatch)
        {
            int batch = Math.Min(maxBatch, count - start);
            Model.Predict(inputs.Slice(start * inputLength, batch * inputLength), outputs.Slice(start * outputLength, batch * outputLength));
        }
    }

    /// <summary>One epoch: its steps, then its results. Returns false when a callback stopped training during a batch.</summary>
    private bool RunEpoch(int epoch, BatchSource<T, TTarget> batches, BatchSource<T, TTarget>? validation,
        IMetric<T, TTarget>[] metrics, ITrainingCallback[] callbacks, TrainingContext context, CancellationToken cancellationToken)
    {
        context.BeginEpoch(epoch);
        foreach (IMetric<T, TTarget> metric in metrics)
            metric.Reset();
        foreach (ITrainingCallback callback in callbacks)
            callback.OnEpochBegin(context);
        if (context.StopTraining)
            return false;
        Model.IsTraining = true;
        foreach (Batch<T, TTarget> batch in batches.Epoch(epoch, cancellationToken))
        {
            context.BeginBatch(batch.Index, batch.Count);
            foreach (ITrainingCallback callback in callbacks)
                callback.OnBatchBegin(context);
            context.EndBatch(double.CreateTruncating(TrainStep(batch.Inputs, batch.Targets, metrics)));
            foreach (ITrainingCallback callback in callbacks)
                callback.OnBatchEnd(context);
            if (context.StopTraining)
                return false;
        }

        MetricValues values = context.Metrics;
        values.Set(0, context.Loss);
        for (int i = 0; i < metrics.Length; i++)
            values.Set(1 + i, metrics[i].Value);
        if (validation is not null)
            Validate(validation, metrics, values, offset: 1 + metrics.Length);
        context.History.Add(new EpochResult(epoch, values.Copy(), Optimizer.LearningRate, context.EpochElapsed));
        foreach (ITrainingCallback callback in callbacks)
            callback.OnEpochEnd(context);
        return true;
    }

    /// <summary>One training step; with metrics, its parts one by one, so the metrics see the outputs.</summary>
    private T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<TTarget> targets, IMetric<T, TTarget>[] metrics)
    {
        T loss;
        if (metrics.Length == 0)
        {
            loss = Model.TrainStep(inputs, targets);
        }
        else
        {
            Model.ZeroGradients();
            ReadOnlySpan<T> outputs = Model.Forward(inputs);
            // Before ComputeLoss: the outputs are the model's buffer, valid until its next call.
            foreach (IMetric<T, TTarget> metric in metrics)
                metric.Update(outputs, targets);
            loss = Model.ComputeLoss(targets);
            Model.Backward();
        }
        Optimizer.Step();
        return loss;
    }

    /// <summary>The loss and metrics over <paramref name="batches"/>' epoch 0 in inference mode, into <paramref name="values"/> from <paramref name="offset"/>.</summary>
    private void Validate(BatchSource<T, TTarget> batches, IMetric<T, TTarget>[] metrics, MetricValues values, int offset)
    {
        foreach (IMetric<T, TTarget> metric in metrics)
            metric.Reset();
        bool wasTraining = Model.IsTraining;
        Model.IsTraining = false;
        try
        {
            double lossSum = 0;
            long count = 0;
            foreach (Batch<T, TTarget> batch in batches.Epoch(0))
            {
                ReadOnlySpan<T> outputs = Model.Forward(batch.Inputs);
                foreach (IMetric<T, TTarget> metric in metrics)
                    metric.Update(outputs, batch.Targets);
                lossSum += double.CreateTruncating(Model.ComputeLoss(batch.Targets)) * batch.Count;
                count += batch.Count;
            }
            values.Set(offset, lossSum / count);
            for (int i = 0; i < metrics.Length; i++)
                values.Set(offset + 1 + i, metrics[i].Value);
        }
        finally
        {
            Model.IsTraining = wasTraining;
        }
    }

    /// <summary>Evaluation batches: in order, as large as the model takes.</summary>
    private BatchSource<T, TTarget> InferenceBatches(ISampleSource<T, TTarget> samples) =>
        new Batcher<T, TTarget>(samples, Math.Min(Model.MaxBatch, samples.Count), shuffle: false);

    /// <summary><c>loss</c>, the metrics' names, and with validation the same with <c>val_</c>; checks the metrics' names differ.</summary>
    private static string[] Names(IMetric<T, TTarget>[] metrics, bool validation)
    {
        var names = new List<string> { MetricValues.Loss };
        foreach (IMetric<T, TTarget> metric in metrics)
        {
            if (metric is null)
                throw new ArgumentException("Trainer: Metrics holds null; add metric objects only.", nameof(Metrics));
            if (names.Contains(metric.Name))
                throw new ArgumentException(
                    $"Trainer: two metrics are named '{metric.Name}' (or one is named like the loss); each result needs its own name, " +
                    "so measure each thing once.", nameof(Metrics));
            names.Add(metric.Name);
        }
        if (validation)
            names.AddRange(names.ToArray().Select(name => MetricValues.ValidationPrefix + name));
        return [.. names];
    }

    private void CheckSamples(ISampleSource<T, TTarget> samples, string method, string argument)
    {
        if (samples.SampleLength != Model.InputLength || samples.TargetLength != Model.TargetLength)
            throw new ArgumentException(
                $"{method}: '{argument}' has samples of {samples.SampleLength} values (shape {ShapeText.Format(samples.SampleShape)}) with " +
                $"{samples.TargetLength} target values each; model '{Model.ModelName}' takes {Model.InputLength} values " +
                $"(shape {ShapeText.Format(Model.InputShape)}) and {Model.TargetLength} target values.", argument);
    }

    private int SampleCount(int length, string method) =>
        Guard.Batch(length, Model.InputLength, int.MaxValue, method, "inputs", ShapeText.Format(Model.InputShape));

    WeightSnapshot ITrainingSession.CopyWeights(WeightSnapshot? into) => WeightSnapshot.Copy(Model, into);

    void ITrainingSession.RestoreWeights(WeightSnapshot snapshot) => snapshot.Restore(Model);

    /// <summary>
    /// A full training checkpoint (weights, state, the optimizer's moments and step, the random
    /// state): where the run stands is the next batch to train, the next epoch's first after the
    /// epoch's last batch.
    /// </summary>
    void ITrainingSession.SaveCheckpoint(string path, TrainingContext context)
    {
        int next = context.Batch + 1;
        Checkpoints.TrainingPosition position = next >= context.BatchesPerEpoch
            ? new(context.Epoch + 1, 0, context.Step)
            : new(context.Epoch, next, context.Step);
        Checkpoints.TrainingCheckpoint.Save(path, Model, Optimizer, position);
    }
}
