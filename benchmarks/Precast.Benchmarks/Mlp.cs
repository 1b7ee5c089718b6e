namespace Precast.Benchmarks;

/// <summary>
/// The benchmarked network: MLP 784-128-10 with ReLU and softmax cross-entropy, the same network
/// benchmarks/compare/torch_mlp.py builds in PyTorch and exports for ONNX Runtime.
/// </summary>
[Model(Input = [1, 28, 28])]
[Flatten]
[Dense(128, Name = "Hidden"), Relu]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class Mlp;
