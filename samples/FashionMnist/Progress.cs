using System.Diagnostics;

namespace FashionMnist;

/// <summary>
/// Training progress on the console: one line per epoch, redrawn in place while the epoch runs
/// when the output is a terminal, and a line every quarter epoch when it is redirected to a file.
/// </summary>
internal sealed class Progress(int batchesPerEpoch)
{
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private readonly Stopwatch _clock = new();
    private string _epoch = "";
    private double _lossSum;
    private int _samples;
    private int _batches;

    public void StartEpoch(int epoch, int epochs)
    {
        _epoch = $"epoch {epoch.ToString().PadLeft(epochs.ToString().Length)}/{epochs}";
        _lossSum = 0;
        _samples = 0;
        _batches = 0;
        _clock.Restart();
    }

    public void Report(int batch, int samples, float loss)
    {
        _lossSum += (double)loss * samples;
        _samples += samples;
        _batches = batch;
        bool redraw = _interactive ? batch % 10 == 0 : batch % Math.Max(1, batchesPerEpoch / 4) == 0 && batch < batchesPerEpoch;
        if (!redraw)
            return;
        string line = Line();
        if (_interactive)
            Console.Write("\r" + line);
        else
            Console.WriteLine(line);
    }

    /// <summary>Stops the epoch's clock, so that its samples/s and seconds count training only, not the test pass that follows.</summary>
    public void EndTraining() => _clock.Stop();

    public void EndEpoch(string result)
    {
        string line = $"{Line()}  {_clock.Elapsed.TotalSeconds:F1} s  {result}";
        Console.WriteLine(_interactive ? "\r" + line : line);
    }

    private string Line() =>
        $"{_epoch}  batch {_batches.ToString().PadLeft(batchesPerEpoch.ToString().Length)}/{batchesPerEpoch}  " +
        $"loss {_lossSum / Math.Max(1, _samples):F4}  {_samples / Math.Max(1e-9, _clock.Elapsed.TotalSeconds):N0} samples/s";
}
