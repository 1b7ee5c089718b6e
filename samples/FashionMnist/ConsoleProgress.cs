using System.Globalization;
using Precast.Training;

namespace FashionMnist;

/// <summary>
/// Shows the trainer's progress reports on the console. On a terminal, a progress bar redrawn in
/// place while the epoch runs, then the epoch's line; when the output is redirected to a file or a
/// pipe, only one line per epoch, so logs stay readable.
/// </summary>
internal sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    private const int BarWidth = 24;
    // Erases the rest of the terminal line after a redraw that may be shorter than the one before.
    private const string ClearToEndOfLine = "\u001b[K";

    private readonly bool _interactive = !Console.IsOutputRedirected;

    public void Report(TrainingProgress progress)
    {
        if (progress.Metrics is { } results)
        {
            // The epoch's seconds include the test pass, as torch_fashion_epoch.py's "with the test pass" figure does.
            string seconds = progress.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
            string line = $"{Position(progress)}  {seconds} s  test loss {results["val_loss"]:F4}, accuracy {results["val_accuracy"]:F4}";
            Console.WriteLine(_interactive ? "\r" + line + ClearToEndOfLine : line);
        }
        else if (_interactive && (progress.Batch % 5 == 0 || progress.Batch == progress.BatchesPerEpoch))
        {
            int filled = progress.Batch * BarWidth / progress.BatchesPerEpoch;
            Console.Write($"\r{Epoch(progress)}  [{new string('#', filled)}{new string('-', BarWidth - filled)}]  {Numbers(progress)}{ClearToEndOfLine}");
        }
    }

    private static string Position(TrainingProgress p) => $"{Epoch(p)}  {Numbers(p)}";

    private static string Epoch(TrainingProgress p) =>
        $"epoch {(p.Epoch + 1).ToString(CultureInfo.InvariantCulture).PadLeft(Digits(p.Epochs))}/{p.Epochs}";

    private static string Numbers(TrainingProgress p) =>
        $"batch {p.Batch.ToString(CultureInfo.InvariantCulture).PadLeft(Digits(p.BatchesPerEpoch))}/{p.BatchesPerEpoch}  " +
        $"loss {p.Loss:F4}  {p.SamplesPerSecond:N0} samples/s";

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
