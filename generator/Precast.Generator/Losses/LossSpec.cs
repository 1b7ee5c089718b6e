using System.Collections.Generic;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>
/// The model's loss as declared by [Loss(...)]: what it compares the output against, whether it
/// fits the output shape, its options, and the runtime struct that computes it and its link
/// function. One file per loss kind.
/// </summary>
/// <param name="Location">The [Loss] attribute.</param>
internal abstract record LossSpec(SourceSpan? Location)
{
    /// <summary>The Loss enum member: SoftmaxCrossEntropy.</summary>
    public abstract string Kind { get; }

    /// <summary>The formula, for comments, with the options' values.</summary>
    public abstract string Formula { get; }

    /// <summary>True when targets are integer class labels rather than values of the element type.</summary>
    public virtual bool UsesClassLabels => false;

    /// <summary>Whether the loss takes LabelSmoothing.</summary>
    public virtual bool TakesLabelSmoothing => false;

    /// <summary>Whether the loss takes Delta.</summary>
    public virtual bool TakesDelta => false;

    /// <summary>The target element type: int for labels, else the model's element type.</summary>
    public string TargetType(string elementType) => UsesClassLabels ? "int" : elementType;

    /// <summary>The parameter name for targets in generated methods.</summary>
    public string TargetName => UsesClassLabels ? "labels" : "targets";

    /// <summary>Target values per sample.</summary>
    public int TargetLength(Shape output) => UsesClassLabels ? 1 : output.Length;

    /// <summary>The layer kind whose work this loss already does (Softmax for cross-entropy), or null.</summary>
    public virtual string? BuiltInActivation => null;

    /// <summary>What Predict returns, for its documentation.</summary>
    public abstract string PredictionDescription { get; }

    /// <summary>Checks that the loss fits the last layer's output; reports and returns false when it does not.</summary>
    public virtual bool Fits(Shape output, string producer, List<DiagnosticInfo> diagnostics) => true;

    /// <summary>The runtime struct implementing the loss for the model's core: <c>global::Precast.Losses.SoftmaxCrossEntropyLoss&lt;float&gt;</c>.</summary>
    public string RuntimeType(string elementType) => $"global::Precast.Losses.{Kind}Loss<{elementType}>";

    /// <summary>
    /// The loss value the model's core is constructed with, such as
    /// <c>new global::Precast.Losses.HuberLoss&lt;float&gt;(0.5f)</c>, or null when the struct's default
    /// value is this loss (no options, or options at their defaults).
    /// </summary>
    public virtual string? RuntimeValue(string elementType) => null;
}
