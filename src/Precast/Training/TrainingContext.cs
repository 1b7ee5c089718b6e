using System.Diagnostics;
using Precast.Optimizers;

namespace Precast.Training;

/// <summary>
/// What a <see cref="ITrainingCallback"/> sees of a training run in progress: where it is (epoch,
/// batch, step), how it goes (the latest batch's loss, the epoch's running loss, samples per second,
/// the epoch's metrics), the optimizer (and so the learning rate), and a way to stop. One context
/// lives through one <c>Fit</c>; the trainer updates it in place, so reading it allocates nothing.
/// </summary>
/// <remarks>
/// Epochs count from 0, as <see cref="Data.BatchSource{T, TTarget}.Epoch(int, System.Threading.CancellationToken)"/> does; <c>Fit</c> runs
/// epochs <see cref="InitialEpoch"/> to <see cref="Epochs"/> − 1. Progress displays usually show
/// <c>Epoch + 1</c> of <see cref="Epochs"/>.
/// </remarks>
public sealed class TrainingContext
{
    private readonly ITrainingSession _session;
    private long _epochStart;
    private double _lossSum;
    private long _latestBatchEnd;

    internal TrainingContext(ITrainingSession session, string modelName, IOptimizer optimizer, MetricValues metrics, TrainingHistory history,
        int initialEpoch, int epochs, int batchesPerEpoch, int samplesPerEpoch, bool hasValidation)
    {
        _session = session;
        ModelName = modelName;
        Optimizer = optimizer;
        Metrics = metrics;
        History = history;
        InitialEpoch = initialEpoch;
        Epochs = epochs;
        Epoch = initialEpoch;
        Step = (long)initialEpoch * batchesPerEpoch;
        BatchesPerEpoch = batchesPerEpoch;
        SamplesPerEpoch = samplesPerEpoch;
        HasValidation = hasValidation;
        Batch = -1;
        BatchLoss = double.NaN;
        Loss = double.NaN;
    }

    /// <summary>The model's class name.</summary>
    public string ModelName { get; }

    /// <summary>The optimizer: its <see cref="IOptimizer.LearningRate"/> and groups may be changed by callbacks (schedules do).</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The learning rate of the optimizer's default group, now.</summary>
    public double LearningRate => Optimizer.LearningRate;

    /// <summary>The epoch <c>Fit</c> started at (0, or later when resuming).</summary>
    public int InitialEpoch { get; }

    /// <summary>The epoch <c>Fit</c> stops before: it runs <see cref="InitialEpoch"/> to <c>Epochs − 1</c>.</summary>
    public int Epochs { get; }

    /// <summary>The current epoch, from 0.</summary>
    public int Epoch { get; private set; }

    /// <summary>Batches in each epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Training samples in each epoch.</summary>
    public int SamplesPerEpoch { get; }

    /// <summary>Whether each epoch ends with an evaluation on validation data (and so the <c>val_</c> values exist).</summary>
    public bool HasValidation { get; }

    /// <summary>The current batch's position in its epoch, from 0; −1 before the epoch's first batch.</summary>
    public int Batch { get; private set; }

    /// <summary>Samples in the current batch.</summary>
    public int BatchSamples { get; private set; }

    /// <summary>
    /// Optimizer steps taken so far, counted from epoch 0 as if every epoch before
    /// <see cref="InitialEpoch"/> had run, so it is the same when training resumes at a later epoch:
    /// <c>Epoch × BatchesPerEpoch + Batch</c> in <see cref="ITrainingCallback.OnBatchBegin"/>, one more
    /// in <see cref="ITrainingCallback.OnBatchEnd"/>. Per-step schedules are driven by it.
    /// </summary>
    public long Step { get; private set; }

    /// <summary>The mean loss of the latest batch; NaN before the first.</summary>
    public double BatchLoss { get; private set; }

    /// <summary>The mean loss per sample over the epoch's batches so far (each batch weighted by its samples); NaN before the first.</summary>
    public double Loss { get; private set; }

    /// <summary>Samples trained on so far in this epoch.</summary>
    public long EpochSamples { get; private set; }

    /// <summary>Time since the current epoch began.</summary>
    public TimeSpan EpochElapsed => Stopwatch.GetElapsedTime(_epochStart);

    /// <summary>Training samples per second in this epoch, from its start to the end of its latest batch (validation not counted); 0 before the first batch ends.</summary>
    public double SamplesPerSecond
    {
        get
        {
            double seconds = Stopwatch.GetElapsedTime(_epochStart, _latestBatchEnd).TotalSeconds;
            return EpochSamples > 0 && seconds > 0 ? EpochSamples / seconds : 0;
        }
    }

    /// <summary>
    /// The epoch's results: <c>loss</c> and each metric on the training batches, and the same with
    /// <c>val_</c> on the validation data. Filled in when the epoch ends (in
    /// <see cref="ITrainingCallback.OnEpochEnd"/>); NaN before.
    /// </summary>
    public MetricValues Metrics { get; }

    /// <summary>The results of the epochs finished so far in this <c>Fit</c>.</summary>
    public TrainingHistory History { get; }

    /// <summary>
    /// Set by a callback to end training: after the current batch when set during a batch (the
    /// partial epoch is not evaluated nor recorded), else after the current epoch. Callbacks'
    /// <see cref="ITrainingCallback.OnTrainEnd"/> still run.
    /// </summary>
    public bool StopTraining { get; set; }

    /// <summary>Why training stopped, when a callback said so through <see cref="Stop"/>.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Ends training as <see cref="StopTraining"/> does, saying why; the reason goes to <see cref="TrainingHistory.StopReason"/>.</summary>
    /// <param name="reason">Why, for people: "val_loss has not improved for 3 epochs".</param>
    public void Stop(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        StopTraining = true;
        StopReason ??= reason;
    }

    /// <summary>
    /// Copies the model's parameters and state, into <paramref name="into"/> when given one taken from
    /// the same model (so a callback copying every epoch allocates once), else into a new snapshot.
    /// </summary>
    public WeightSnapshot CopyWeights(WeightSnapshot? into = null)
    {
        WeightSnapshot snapshot = _session.CopyWeights(into);
        snapshot.Epoch = Epoch;
        return snapshot;
    }

    /// <summary>Sets the model's parameters and state back to <paramref name="snapshot"/>'s.</summary>
    /// <exception cref="ArgumentException">The snapshot is of another kind of model.</exception>
    public void RestoreWeights(WeightSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _session.RestoreWeights(snapshot);
    }

    /// <summary>
    /// Saves a training checkpoint now, atomically (see <see cref="Checkpoints.TrainingCheckpoint"/>):
    /// weights, non-trainable state, the optimizer's state, the epoch, step and random state, so
    /// <see cref="Checkpoints.TrainingCheckpoint.Load{T}"/> resumes from here.
    /// </summary>
    /// <param name="path">The checkpoint file to create or replace.</param>
    public void SaveCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _session.SaveCheckpoint(path, this);
    }

    internal void BeginEpoch(int epoch)
    {
        Epoch = epoch;
        Step = (long)epoch * BatchesPerEpoch;
        Batch = -1;
        BatchSamples = 0;
        BatchLoss = double.NaN;
        Loss = double.NaN;
        EpochSamples = 0;
        _lossSum = 0;
        Metrics.Clear();
        _epochStart = Stopwatch.GetTimestamp();
        _latestBatchEnd = _epochStart;
    }

    internal void BeginBatch(int batch, int samples)
    {
        Batch = batch;
        BatchSamples = samples;
    }

    internal void EndBatch(double loss)
    {
        BatchLoss = loss;
        Step++;
        _lossSum += loss * BatchSamples;
        EpochSamples += BatchSamples;
        Loss = _lossSum / EpochSamples;
        _latestBatchEnd = Stopwatch.GetTimestamp();
    }
}
