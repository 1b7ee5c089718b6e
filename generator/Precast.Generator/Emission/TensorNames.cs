using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// The buffers and locals of a tensor: the storage layer's names from <see cref="MemberNames"/>,
/// or for the model input _input (the copy Forward keeps), _dInput, input and dInput.
/// </summary>
internal static class TensorNames
{
    public static string Field(TensorPlan tensor) =>
        tensor.Storage is null ? "_input" : MemberNames.OutputField(tensor.Storage);

    public static string GradientField(TensorPlan tensor) =>
        tensor.Storage is null ? "_dInput" : MemberNames.GradientField(tensor.Storage);

    public static string Local(TensorPlan tensor) =>
        tensor.Storage is null ? "input" : MemberNames.OutputLocal(tensor.Storage);

    public static string GradientLocal(TensorPlan tensor) =>
        tensor.Storage is null ? "dInput" : MemberNames.GradientLocal(tensor.Storage);
}
