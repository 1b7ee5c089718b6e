using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// The constructor statements that draw a weighted layer's initial weights (Dense, the
/// convolutions): Auto picks He for a layer whose every consumer is a rectifier (it keeps the
/// variance of the half-zeroed outputs steady) and Glorot otherwise (it suits symmetric
/// activations, sums and logits). Biases stay at zero.
/// </summary>
internal static class WeightInitialization
{
    /// <param name="context">The layer being emitted.</param>
    /// <param name="initializer">As declared.</param>
    /// <param name="weight">The weight tensor's suffix.</param>
    /// <param name="fanIn">Inputs feeding one output: PyTorch's fan_in.</param>
    /// <param name="fanOut">Outputs one input feeds: PyTorch's fan_out.</param>
    /// <param name="hasBias">Whether the comment mentions the bias.</param>
    public static void Emit(NodeEmitContext context, Initializer initializer, string weight, int fanIn, int fanOut, bool hasBias)
    {
        Initializer resolved = initializer switch
        {
            Initializer.Auto when context.ConsumersPreferHe => Initializer.HeUniform,
            Initializer.Auto => Initializer.GlorotUniform,
            _ => initializer,
        };
        string weights = context.Parameter(weight);
        string rng = "ref _rng";
        string reason = initializer == Initializer.Auto && context.Consumers.Count > 0 ? $", as it feeds {string.Join(" and ", context.Consumers)}" : "";
        context.Writer.Line($"// {context.Display}: {Describe(resolved)} weights{reason}{(hasBias ? "; biases start at zero" : "")}.");
        string t = context.T;
        context.Writer.Line(resolved switch
        {
            Initializer.HeUniform => $"global::Precast.Initializers.HeUniform<{t}>({weights}, fanIn: {fanIn}, {rng});",
            Initializer.HeNormal => $"global::Precast.Initializers.HeNormal<{t}>({weights}, fanIn: {fanIn}, {rng});",
            Initializer.GlorotNormal => $"global::Precast.Initializers.GlorotNormal<{t}>({weights}, fanIn: {fanIn}, fanOut: {fanOut}, {rng});",
            _ => $"global::Precast.Initializers.GlorotUniform<{t}>({weights}, fanIn: {fanIn}, fanOut: {fanOut}, {rng});",
        });
    }

    private static string Describe(Initializer initializer) => initializer switch
    {
        Initializer.HeUniform => "He uniform",
        Initializer.HeNormal => "He normal",
        Initializer.GlorotNormal => "Glorot normal",
        _ => "Glorot uniform",
    };
}
