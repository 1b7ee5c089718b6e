using System.Globalization;
using System.Numerics;
using Precast.Optimizers;

namespace Precast.Checkpoints;

/// <summary>
/// Saves everything a training run carries from step to step, and loads it into a freshly built
/// model and optimizer so that the run continues bit for bit as if it had never stopped: the
/// parameters and non-trainable state, the optimizer's state (moment estimates, step count, each
/// group's learning rate and momentum), optionally a schedule's state, the model's random number
/// generator (dropout masks) and the <see cref="TrainingPosition"/> (epoch, batch, step and the
/// data's shuffle seed).
/// <code>
/// TrainingCheckpoint.Save("run.safetensors", model, optimizer, new TrainingPosition(epoch, batch, step));
/// TrainingPosition progress = TrainingCheckpoint.Load("run.safetensors", model, optimizer);
/// </code>
/// </summary>
/// <remarks>
/// <para>The file is safetensors: the model's tensors under their own names (as <see cref="Checkpoint"/>
/// writes them, so <see cref="Checkpoint.Load{T}(IModel{T}, string)"/> and Python tools read the
/// weights of a training checkpoint too), each optimizer buffer as a tensor <c>optimizer.adam.exp_avg</c>
/// as long as the parameter buffer, and the numbers as <c>__metadata__</c> strings written to round
/// trip exactly: <c>optimizer</c> = the optimizer's name, <c>optimizer.adam.step</c>,
/// <c>optimizer.adam.group0.lr</c>, ..., <c>schedule.*</c>, <c>progress.epoch</c>, <c>progress.batch</c>,
/// <c>progress.step</c>, <c>progress.data_seed</c> and <c>random</c> (the generator's four state words
/// in hexadecimal).</para>
/// <para>Writing goes to a temporary file renamed over the target once it is complete and on disk, so
/// a failure part-way leaves the previous checkpoint as it was.</para>
/// </remarks>
public static class TrainingCheckpoint
{
    private const string OptimizerKey = "optimizer";
    private const string OptimizerPrefix = "optimizer.";
    private const string SchedulePrefix = "schedule.";
    private const string EpochKey = "progress.epoch";
    private const string BatchKey = "progress.batch";
    private const string StepKey = "progress.step";
    private const string DataSeedKey = "progress.data_seed";
    private const string RandomKey = "random";

    /// <summary>Saves a training run's state to <paramref name="path"/>, replacing the file whole or not at all.</summary>
    /// <typeparam name="T">The model's element type.</typeparam>
    /// <param name="path">The checkpoint file to create or replace; its directory must exist.</param>
    /// <param name="model">The model: parameters, non-trainable state and random number generator.</param>
    /// <param name="optimizer">The optimizer stepping <paramref name="model"/>'s parameters.</param>
    /// <param name="progress">Where the run stands.</param>
    /// <param name="schedule">A schedule with state of its own (<see cref="Schedules.ReduceOnPlateau"/>), or null.
    /// Schedules computed from the step count need nothing saved: the optimizer's step count and rates are.</param>
    /// <exception cref="ArgumentException">The optimizer was built for a different number of parameters than the model has.</exception>
    public static void Save<T>(string path, IModel<T> model, IOptimizer optimizer, TrainingPosition progress, IScalarState? schedule = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Save(path, model, optimizer, progress, schedule, wrapStream: null);

    /// <summary><see cref="Save{T}(string, IModel{T}, IOptimizer, TrainingPosition, IScalarState)"/> with the test seam of <see cref="SafeTensors.WriteStreamed"/>.</summary>
    internal static void Save<T>(string path, IModel<T> model, IOptimizer optimizer, TrainingPosition progress, IScalarState? schedule,
        Func<Stream, Stream>? wrapStream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Check(nameof(progress));
        IOptimizerState<T> state = Typed(model, optimizer).State;

        List<ParameterTensor> tensors = Checkpoint.AllTensors(model);
        var names = new List<(string Name, int[] Shape)>(tensors.Select(tensor => (tensor.Name, tensor.Shape)));
        int[] bufferShape = [model.Parameters.Length];
        foreach (string buffer in state.BufferNames)
            names.Add((OptimizerPrefix + buffer, bufferShape));
        List<SafeTensorInfo> layout = SafeTensorsHeader.Layout(names, SafeTensorsDTypes.For<T>(), nameof(model));

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        Checkpoint.AddIdentity(model, metadata);
        metadata[OptimizerKey] = optimizer.Name;
        WriteScalars(state, OptimizerPrefix, metadata);
        if (schedule is not null)
            WriteScalars(schedule, SchedulePrefix, metadata);
        metadata[EpochKey] = Text(progress.Epoch);
        metadata[BatchKey] = Text(progress.Batch);
        metadata[StepKey] = Text(progress.Step);
        if (progress.DataSeed is { } seed)
            metadata[DataSeedKey] = Text(seed);
        Span<ulong> words = stackalloc ulong[Rng.StateLength];
        model.Random.SaveState(words);
        metadata[RandomKey] = string.Join(",", words.ToArray().Select(word => word.ToString("x16", CultureInfo.InvariantCulture)));

        TensorValuesSource<T> modelValues = Checkpoint.ModelValues(model, tensors);
        SafeTensors.WriteStreamed(path, layout, metadata,
            index => index < tensors.Count ? modelValues(index) : state.Buffer(index - tensors.Count), wrapStream);
    }

    /// <summary>
    /// Loads a checkpoint written by <see cref="Save{T}(string, IModel{T}, IOptimizer, TrainingPosition, IScalarState)"/>
    /// into <paramref name="model"/> and <paramref name="optimizer"/> (built as the saved ones were:
    /// same layers, same optimizer options and groups) and returns where the run stood. Everything is
    /// read and checked before anything is changed, so a failed load leaves both as they were.
    /// </summary>
    /// <typeparam name="T">The model's element type.</typeparam>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="model">Receives the parameters, the non-trainable state and the random number generator.</param>
    /// <param name="optimizer">Receives the optimizer state.</param>
    /// <param name="schedule">Receives the schedule state saved with the checkpoint; null to leave it aside.</param>
    /// <returns>The progress saved: continue with <c>batches.Epoch(progress.Epoch, startBatch: progress.Batch)</c>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is malformed, is not a training checkpoint, or does not match: another optimizer,
    /// other options (a missing or extra state buffer or value), a tensor missing, extra or of another
    /// shape. The message names each.
    /// </exception>
    public static TrainingPosition Load<T>(string path, IModel<T> model, IOptimizer optimizer, IScalarState? schedule = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        IOptimizer<T> typed = Typed(model, optimizer);
        IOptimizerState<T> state = typed.State;
        List<ParameterTensor> tensors = Checkpoint.AllTensors(model);

        SafeTensorsFile file = SafeTensors.Read(path);
        if (!file.Metadata.TryGetValue(OptimizerKey, out string? savedOptimizer))
            throw new InvalidDataException(
                $"Checkpoint '{file.Path}' is not a training checkpoint: it has no optimizer state (no '{OptimizerKey}' metadata). " +
                "Load a model-only checkpoint with Checkpoint.Load.");
        if (savedOptimizer != optimizer.Name)
            throw new InvalidDataException(
                $"Checkpoint '{file.Path}' holds the state of {savedOptimizer}, but the optimizer to restore is {optimizer.Name}; nothing was loaded.");

        var expected = new ExpectedTensors();
        foreach (ParameterTensor tensor in tensors)
            expected.Add(tensor.Name, tensor.Name, tensor.Shape);
        foreach (string buffer in state.BufferNames)
            expected.Add(OptimizerPrefix + buffer, OptimizerPrefix + buffer, [typed.ParameterCount]);
        expected.Check(file, $"{model.ModelName} with {optimizer.Name}");

        var problems = new List<string>();
        double[] optimizerScalars = ReadScalars(file, state, OptimizerPrefix, problems);
        double[]? scheduleScalars = schedule is null ? null : ReadScalars(file, schedule, SchedulePrefix, problems);
        int epoch = (int)ReadWhole(file, EpochKey, int.MaxValue, problems);
        int batch = (int)ReadWhole(file, BatchKey, int.MaxValue, problems);
        long step = ReadWhole(file, StepKey, long.MaxValue, problems);
        ulong? dataSeed = null;
        if (file.Metadata.TryGetValue(DataSeedKey, out string? seedText))
        {
            if (ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
                dataSeed = seed;
            else
                problems.Add($"'{DataSeedKey}' is \"{seedText}\"; expected a whole number from 0 to {ulong.MaxValue}");
        }
        Rng random = ReadRandom(file, problems);
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"Checkpoint '{file.Path}' does not match {model.ModelName} with {optimizer.Name}; nothing was loaded. {string.Join("; ", problems)}.");

        // Read everything before touching the model or the optimizer.
        var parameters = new T[model.Parameters.Length];
        var modelState = new T[model.State.Length];
        int parameterTensors = model.ParameterTensors.Count;
        for (int i = 0; i < tensors.Count; i++)
            file.ReadInto<T>(tensors[i].Name, (i < parameterTensors ? parameters : modelState).AsSpan(tensors[i].Offset, tensors[i].Length));
        var buffers = new T[state.BufferNames.Count][];
        for (int b = 0; b < buffers.Length; b++)
            buffers[b] = file.Read<T>(OptimizerPrefix + state.BufferNames[b]);

        // The values are checked by SetScalar; a rejected one (a negative learning rate written by
        // hand) restores what was there, so the load stays all or nothing.
        double[] optimizerBefore = Current(state);
        RestoreScalars(file.Path, state, optimizerScalars);
        if (schedule is not null)
        {
            try
            {
                RestoreScalars(file.Path, schedule, scheduleScalars!);
            }
            catch
            {
                // Undo the optimizer's scalars too: nothing else has been changed yet.
                RestoreScalars(file.Path, state, optimizerBefore);
                throw;
            }
        }
        parameters.CopyTo(model.Parameters);
        modelState.CopyTo(model.State);
        for (int b = 0; b < buffers.Length; b++)
            buffers[b].CopyTo(state.Buffer(b));
        model.Random = random;
        return new TrainingPosition(epoch, batch, step) { DataSeed = dataSeed };
    }

    /// <summary>For <see cref="Checkpoint.Load{T}(IModel{T}, string, Func{string, string})"/>: the tensors of a training checkpoint that are not the model's.</summary>
    internal static Func<string, bool>? IsTrainingEntry(SafeTensorsFile file) =>
        file.Metadata.ContainsKey(OptimizerKey) ? name => name.StartsWith(OptimizerPrefix, StringComparison.Ordinal) : null;

    /// <summary>The optimizer as one of <typeparamref name="T"/> values, after checking that it steps a buffer as long as the model's.</summary>
    private static IOptimizer<T> Typed<T>(IModel<T> model, IOptimizer optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (optimizer is not IOptimizer<T> typed)
            throw new ArgumentException(
                $"TrainingCheckpoint: {optimizer.Name} does not update {typeof(T).Name} values, which {model.ModelName}'s parameters are; " +
                "pass the optimizer that steps this model.",
                nameof(optimizer));
        if (typed.ParameterCount != model.Parameters.Length)
            throw new ArgumentException(
                $"TrainingCheckpoint: {optimizer.Name} was built for {typed.ParameterCount} parameters, " +
                $"but {model.ModelName} has {model.Parameters.Length}; pass the optimizer that steps this model.",
                nameof(optimizer));
        return typed;
    }

    private static void WriteScalars(IScalarState state, string prefix, Dictionary<string, string> metadata)
    {
        for (int i = 0; i < state.ScalarNames.Count; i++)
            metadata[prefix + state.ScalarNames[i]] = state.GetScalar(i).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads each of <paramref name="state"/>'s scalars from the metadata under <paramref name="prefix"/>; notes any missing, extra or unreadable.</summary>
    private static double[] ReadScalars(SafeTensorsFile file, IScalarState state, string prefix, List<string> problems)
    {
        var values = new double[state.ScalarNames.Count];
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        for (int i = 0; i < values.Length; i++)
        {
            string key = prefix + state.ScalarNames[i];
            expected.Add(key);
            if (!file.Metadata.TryGetValue(key, out string? text))
                missing.Add(key);
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                problems.Add($"'{key}' is \"{text}\"; expected a number");
        }
        if (missing.Count > 0)
            problems.Add("missing values: " + string.Join(", ", missing));
        List<string> unexpected = [.. file.Metadata.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && !expected.Contains(key)).Order(StringComparer.Ordinal)];
        if (unexpected.Count > 0)
            problems.Add("unexpected values: " + string.Join(", ", unexpected) + " (saved with other options or parameter groups)");
        return values;
    }

    private static double[] Current(IScalarState state)
    {
        var values = new double[state.ScalarNames.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = state.GetScalar(i);
        return values;
    }

    /// <summary>Sets every scalar, or, when one is rejected, puts back the values there were and throws naming it.</summary>
    private static void RestoreScalars(string path, IScalarState state, double[] values)
    {
        double[] before = Current(state);
        for (int i = 0; i < values.Length; i++)
        {
            try
            {
                state.SetScalar(i, values[i]);
            }
            catch (ArgumentException rejected)
            {
                for (int j = 0; j < i; j++)
                    state.SetScalar(j, before[j]);
                throw new InvalidDataException(
                    $"Checkpoint '{path}': the saved '{state.ScalarNames[i]}' cannot be restored; nothing was loaded. {rejected.Message}", rejected);
            }
        }
    }

    private static long ReadWhole(SafeTensorsFile file, string key, long max, List<string> problems)
    {
        if (!file.Metadata.TryGetValue(key, out string? text))
        {
            problems.Add($"missing value: {key}");
            return 0;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > max)
        {
            problems.Add($"'{key}' is \"{text}\"; expected a whole number from 0 to {max}");
            return 0;
        }
        return value;
    }

    private static Rng ReadRandom(SafeTensorsFile file, List<string> problems)
    {
        const string Expected = "expected four comma-separated 16-digit hexadecimal words, not all zero";
        if (!file.Metadata.TryGetValue(RandomKey, out string? text))
        {
            problems.Add($"missing value: {RandomKey}");
            return default;
        }
        string[] parts = text.Split(',');
        var words = new ulong[Rng.StateLength];
        bool valid = parts.Length == Rng.StateLength;
        for (int i = 0; valid && i < parts.Length; i++)
            valid = parts[i].Length == 16 && ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]);
        if (!valid || words.All(word => word == 0))
        {
            problems.Add($"'{RandomKey}' is \"{text}\"; {Expected}");
            return default;
        }
        return Rng.FromState(words);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
