using Precast.Training;
using ScottPlot;

namespace FashionMnist;

/// <summary>
/// Draws the loss and the accuracy of every epoch, on the training batches and on the test set,
/// as a PNG with ScottPlot: two panels, one above the other.
/// </summary>
internal static class HistoryPlot
{
    public static void Save(TrainingHistory history, string path)
    {
        double[] epochs = [.. history.Epochs.Select(e => e.Epoch + 1.0)];
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        // Losses fall and accuracies rise: each legend goes in the corner its lines leave free.
        Panel(multiplot.GetPlot(0), epochs, history["loss"], history["val_loss"], "loss", Alignment.UpperRight);
        Panel(multiplot.GetPlot(1), epochs, history["accuracy"], history["val_accuracy"], "accuracy", Alignment.LowerRight);
        multiplot.SavePng(path, 800, 700);
    }

    private static void Panel(Plot plot, double[] epochs, double[] training, double[] test, string name, Alignment legend)
    {
        plot.Add.Scatter(epochs, training).LegendText = $"training {name}";
        plot.Add.Scatter(epochs, test).LegendText = $"test {name}";
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.Label.Text = name;
        plot.ShowLegend(legend);
    }
}
