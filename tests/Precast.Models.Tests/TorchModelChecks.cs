using System.Text.Json;
using static Precast.Models.Tests.TorchFixture;

namespace Precast.Models.Tests;

/// <summary>
/// The checks of a generated model against a PyTorch fixture case that holds a whole network (or a
/// layer named as its torch module is): the parameters are loaded, and every gradient read, by their
/// state_dict names through <see cref="ModelTensors"/>, after checking that the two sets of names and
/// shapes agree. Shared by the composition and convolution references.
/// </summary>
internal static class TorchModelChecks
{
    /// <summary>
    /// A network without a loss: y = Forward(x), then Backward(G) with the fixture's upstream
    /// gradient, so dx and the parameter gradients are those of sum(y * G).
    /// </summary>
    public static void CheckNetwork(IModel<float> model, JsonElement fixture, string name, Func<ReadOnlySpan<float>> inputGradient)
    {
        JsonElement[] tensors = LoadParameters(model, fixture, name);

        AssertClose(name, "y", Batched(fixture, model.OutputShape), Values(fixture, "y", ReadFloat), model.Forward(Values(fixture, "x", ReadFloat)));
        model.ZeroGradients();
        model.Backward(Values(fixture, "upstream", ReadFloat));
        AssertClose(name, "dx", Batched(fixture, model.InputShape), Values(fixture, "dx", ReadFloat), inputGradient());
        AssertGradients(model, tensors, name);
    }

    /// <summary>
    /// A network with softmax cross-entropy: the logits of Forward, the mean loss of ComputeLoss, then
    /// every parameter gradient and the input gradient of Backward, as loss.backward() gives them.
    /// </summary>
    public static void CheckLoss(ITrainable<float, int> model, JsonElement fixture, string name, Func<ReadOnlySpan<float>> inputGradient)
    {
        JsonElement[] tensors = LoadParameters(model, fixture, name);

        AssertClose(name, "logits", Batched(fixture, model.OutputShape), Values(fixture, "logits", ReadFloat), model.Forward(Values(fixture, "x", ReadFloat)));
        model.ZeroGradients();
        float loss = model.ComputeLoss(Values(fixture, "targets", ReadInt));
        AssertClose(name, "loss", [], [ReadFloat(fixture.GetProperty("value"))], [loss]);
        model.Backward();
        AssertClose(name, "dx", Batched(fixture, model.InputShape), Values(fixture, "dx", ReadFloat), inputGradient());
        AssertGradients(model, tensors, name);
    }

    /// <summary>
    /// Checks that the model's checkpoint tensors and torch's state_dict are the same set of names
    /// with the same shapes, and that the sample shapes agree; then copies every fixture parameter
    /// into the model by name. Returns the fixture's parameter entries.
    /// </summary>
    public static JsonElement[] LoadParameters(IModel<float> model, JsonElement fixture, string name)
    {
        JsonElement[] tensors = [.. fixture.GetProperty("parameters").EnumerateArray()];
        string[] torchNames = [.. tensors.Select(t => $"{t.GetProperty("name").GetString()} {ShapeText.Format(Values(t, "shape", ReadInt))}")];
        string[] precastNames = [.. model.ParameterTensors.Select(t => $"{t.Name} {t.ShapeText}")];
        string[] onlyTorch = [.. torchNames.Except(precastNames)];
        string[] onlyPrecast = [.. precastNames.Except(torchNames)];
        Assert.True(onlyTorch.Length == 0 && onlyPrecast.Length == 0 && torchNames.Length == precastNames.Length,
            $"{name}: torch's state_dict and {model.ModelName}'s ParameterTensors differ; only in torch: [{string.Join(", ", onlyTorch)}]; " +
            $"only in Precast: [{string.Join(", ", onlyPrecast)}]");

        int[] inputShape = Values(fixture, "input_shape", ReadInt);
        int[] outputShape = Values(fixture, "output_shape", ReadInt);
        Assert.True(inputShape.AsSpan().SequenceEqual(model.InputShape) && outputShape.AsSpan().SequenceEqual(model.OutputShape),
            $"{name}: torch maps {ShapeText.Format(inputShape)} to {ShapeText.Format(outputShape)}, " +
            $"{model.ModelName} {ShapeText.Format(model.InputShape)} to {ShapeText.Format(model.OutputShape)}");

        foreach (JsonElement tensor in tensors)
            Values(tensor, "value", ReadFloat).CopyTo(model.Parameter(tensor.GetProperty("name").GetString()!));
        return tensors;
    }

    /// <summary>Compares the gradient of every parameter entry of a case with the model's, by name.</summary>
    public static void AssertGradients(IModel<float> model, JsonElement[] tensors, string name)
    {
        foreach (JsonElement tensor in tensors)
        {
            string tensorName = tensor.GetProperty("name").GetString()!;
            AssertClose(name, $"d{tensorName}", Values(tensor, "shape", ReadInt), Values(tensor, "gradient", ReadFloat), model.Gradient(tensorName));
        }
    }

    /// <summary>A sample shape with the case's batch in front, for naming the worst value's index.</summary>
    public static int[] Batched(JsonElement fixture, ReadOnlySpan<int> sample) => [fixture.GetProperty("batch").GetInt32(), .. sample];
}
