using Precast;

namespace Precast.Models.Tests.Models;

// Single-precision models matching the cases of tests/fixtures/torch_layers.py one for one: each
// layer on its own (no loss, so the test drives Backward with the fixture's upstream gradient), and
// the fixture's MLP once per loss. Dense layers are named as the torch modules are, so the
// checkpoint names in ParameterTensors equal torch's state_dict names ("Layer.weight", ...).

[Model(Input = [7], InputGradient = true)]
[Dense(5, Name = "Layer")]
public partial class TorchDense;

[Model(Input = [7], InputGradient = true)]
[Dense(5, Bias = false, Name = "Layer")]
public partial class TorchDenseWithoutBias;

[Model(Input = [37], InputGradient = true)]
[Dense(19, Name = "Layer")]
public partial class TorchWideDense;

[Model(Input = [7], InputGradient = true)]
[Relu(Name = "Layer")]
public partial class TorchRelu;

[Model(Input = [7], InputGradient = true)]
[LeakyRelu(Slope = 0.01, Name = "Layer")]
public partial class TorchLeakyRelu;

[Model(Input = [7], InputGradient = true)]
[LeakyRelu(Slope = 0.2, Name = "Layer")]
public partial class TorchSteepLeakyRelu;

[Model(Input = [7], InputGradient = true)]
[Sigmoid(Name = "Layer")]
public partial class TorchSigmoid;

[Model(Input = [7], InputGradient = true)]
[Tanh(Name = "Layer")]
public partial class TorchTanh;

[Model(Input = [7], InputGradient = true)]
[Gelu(Name = "Layer")]
public partial class TorchGelu;

[Model(Input = [7], InputGradient = true)]
[Gelu(Approximate = true, Name = "Layer")]
public partial class TorchGeluTanh;

[Model(Input = [7], InputGradient = true)]
[Softmax(Name = "Layer")]
public partial class TorchSoftmax;

[Model(Input = [2, 3, 2], InputGradient = true)]
[Flatten(Name = "Layer")]
public partial class TorchFlatten;

[Model(Input = [7], InputGradient = true)]
[Dropout(0.5, Name = "Layer")]
public partial class TorchDropout;

[Model(Input = [6], InputGradient = true)]
[Dense(5, Name = "Hidden"), Relu]
[Dense(3, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TorchMlpCrossEntropy;

[Model(Input = [6], InputGradient = true)]
[Dense(5, Name = "Hidden"), Relu]
[Dense(3, Name = "Output")]
[Loss(Loss.SigmoidBinaryCrossEntropy)]
public partial class TorchMlpBinaryCrossEntropy;

[Model(Input = [6], InputGradient = true)]
[Dense(5, Name = "Hidden"), Relu]
[Dense(3, Name = "Output")]
[Loss(Loss.MeanSquaredError)]
public partial class TorchMlpMeanSquaredError;
