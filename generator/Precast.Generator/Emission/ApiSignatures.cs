namespace Precast.Generator.Emission;

/// <summary>
/// The declarations of the model's public members, in one place: the working model
/// (<see cref="ApiEmitter"/>) and the stand-in emitted after an error (<see cref="StubEmitter"/>)
/// must offer exactly the same surface, so code using the model compiles against either.
/// </summary>
/// <param name="T">The element type keyword: float or double.</param>
/// <param name="Target">The loss's target type (int for class labels, else T), or null without a loss.</param>
/// <param name="Targets">The targets' parameter name: labels or targets.</param>
internal sealed record ApiSignatures(string T, string? Target, string Targets)
{
    public static ApiSignatures For(Model.ModelSpec spec) =>
        new(spec.ElementType, spec.Loss?.TargetType(spec.ElementType), spec.Loss?.TargetName ?? "targets");

    public string ReadOnlySpan => $"global::System.ReadOnlySpan<{T}>";

    /// <summary>
    /// Documentation references to the methods a user may overload, with their parameters, so that
    /// an overload of the user's own does not make them ambiguous (CS0419).
    /// </summary>
    public string ForwardCref => $"Forward(global::System.ReadOnlySpan{{{T}}})";

    /// <inheritdoc cref="ForwardCref"/>
    public string ComputeLossCref => $"ComputeLoss(global::System.ReadOnlySpan{{{Target}}})";

    public string Span => $"global::System.Span<{T}>";

    public string Constructor(string className) => $"public {className}(int maxBatch, ulong seed = 0)";

    public string MaxBatch => "public int MaxBatch";

    public string Parameters => $"public {Span} Parameters";

    public string Gradients => $"public {Span} Gradients";

    public string ParameterTensors => "public global::System.Collections.Generic.IReadOnlyList<global::Precast.ParameterTensor> ParameterTensors";

    public string State => $"public {Span} State";

    public string StateTensors => "public global::System.Collections.Generic.IReadOnlyList<global::Precast.ParameterTensor> StateTensors";

    public string IsTraining => "public bool IsTraining";

    public string InputGradient => $"public {ReadOnlySpan} InputGradient";

    public string ZeroGradients => "public void ZeroGradients()";

    public string Forward => $"public {ReadOnlySpan} Forward({ReadOnlySpan} inputs)";

    public string BackwardWithGradient => $"public void Backward({ReadOnlySpan} outputGradient)";

    public string ComputeLoss => $"public {T} ComputeLoss(global::System.ReadOnlySpan<{Target}> {Targets})";

    public string Backward => "public void Backward()";

    public string TrainStep => $"public {T} TrainStep({ReadOnlySpan} inputs, global::System.ReadOnlySpan<{Target}> {Targets})";

    public string Predict => $"public void Predict({ReadOnlySpan} inputs, {Span} outputs)";

    public string PredictClasses => $"public void PredictClasses({ReadOnlySpan} inputs, global::System.Span<int> classes)";

    public string PredictClass => $"public int PredictClass({ReadOnlySpan} input)";

    public string Summary => "public string Summary()";

    /// <summary>The interface the model implements: ITrainable with a loss, IModel without.</summary>
    public string Interface => Target is null
        ? $"global::Precast.IModel<{T}>"
        : $"global::Precast.ITrainable<{T}, {Target}>";

    /// <summary>The explicit implementations of the interface members the class's own members do not cover.</summary>
    /// <param name="random">The body of IModel.Random: a property body over the model's generator, or throwing ones for a stub.</param>
    public string[] InterfaceMembers(string modelName, string inputLength, string outputLength, string targetLength, string random)
    {
        string model = $"global::Precast.IModel<{T}>";
        var members = new System.Collections.Generic.List<string>
        {
            $"string {model}.ModelName => \"{modelName}\";",
            $"int {model}.InputLength => {inputLength};",
            $"int {model}.OutputLength => {outputLength};",
            $"global::System.ReadOnlySpan<int> {model}.InputShape => InputShape;",
            $"global::System.ReadOnlySpan<int> {model}.OutputShape => OutputShape;",
            $"global::Precast.Rng {model}.Random {random}",
        };
        if (Target is not null)
            members.Add($"int {Interface}.TargetLength => {targetLength};");
        return members.ToArray();
    }
}
