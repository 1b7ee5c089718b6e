using Precast;

namespace FashionMnist;

/// <summary>
/// LeNet-5 (LeCun et al., 1998) on 28×28 images: two convolutions with pooling, then three dense
/// layers, with ReLU and max pooling as modern versions use. The first convolution pads by 2 so the
/// 28×28 input is treated like the original 32×32 one. 61,706 parameters.
/// </summary>
[Model(Input = [1, 28, 28])]
[Conv2D(6, 5, Pad = 2, Name = "C1"), Relu, MaxPool2D(2, Name = "S2")]      // [6, 28, 28] → [6, 14, 14]
[Conv2D(16, 5, Name = "C3"), Relu, MaxPool2D(2, Name = "S4")]              // [16, 10, 10] → [16, 5, 5]
[Flatten]
[Dense(120, Name = "F5"), Relu]
[Dense(84, Name = "F6"), Relu]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class LeNet;
