using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// The names of a tensor's buffers and locals. A layer's output lives in _{name}Out, its gradient
/// in _d{Name}Out; the model input is _input (a copy kept by Forward) and _dInput. The "Out"
/// suffix keeps these apart from every other generated member and from C# keywords.
/// </summary>
internal static class TensorNames
{
    public static string Field(TensorPlan tensor) =>
        tensor.Storage is null ? "_input" : "_" + Names.Camel(tensor.Storage) + "Out";

    public static string GradientField(TensorPlan tensor) =>
        tensor.Storage is null ? "_dInput" : "_d" + Names.Pascal(tensor.Storage) + "Out";

    public static string Local(TensorPlan tensor) =>
        tensor.Storage is null ? "input" : Names.Camel(tensor.Storage) + "Out";

    public static string GradientLocal(TensorPlan tensor) =>
        tensor.Storage is null ? "dInput" : "d" + Names.Pascal(tensor.Storage) + "Out";

    public static string LayerBuffer(string layerName, string suffix) => "_" + Names.Camel(layerName) + suffix;
}
