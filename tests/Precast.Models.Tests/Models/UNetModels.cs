using Precast;

namespace Precast.Models.Tests.Models;

// A two-level U-Net as Ronneberger et al. (2015) draw it, shrunk: valid 3×3 convolutions, 2×2 max
// pooling down, nearest UpSampling2D(2) up, and at each level a [Concat] of the skip ("copy and
// crop": the encoder's feature map cropped to the decoder's size, since valid convolutions shrink
// the path through the lower level) and the lower level. Sizes, for a [1, 22, 26] input:
//
//   Enc0    Conv2D(2, 3)                 [2, 20, 24]
//   Level0  Concat of                    [6, 4, 8]
//     Skip    Cropping2D(8)              [2, 4, 8]
//     Lower   MaxPool2D(2)               [2, 10, 12]
//             Enc1 Conv2D(4, 3)          [4, 8, 10]
//             Level1  Concat of          [8, 4, 6]
//               Skip    Cropping2D(2)    [4, 4, 6]
//               Lower   MaxPool2D(2)     [4, 4, 5]
//                       Bottom Conv2D(4, 3)  [4, 2, 3]
//                       UpSampling2D(2)  [4, 4, 6]
//             Dec1 Conv2D(4, 3)          [4, 2, 4]
//             UpSampling2D(2)            [4, 4, 8]
//   Dec0    Conv2D(2, 3)                 [2, 2, 6]
//   Head    Conv2D(2, 1)                 [2, 2, 6]: two score maps
//
// The skip names its crop and the lower level its layers, so checkpoint names read as the figure:
// Level0.Lower.Enc1.weight, Level0.Lower.Level1.Lower.Bottom.weight.

/// <summary>The deepest level: down, one convolution, up.</summary>
[Block]
[MaxPool2D(2), Conv2D(4, 3, Name = "Bottom"), Relu, UpSampling2D(2)]
public sealed class UNetLower1;

/// <summary>Level 1's skip: the [4, 8, 10] encoder map cropped to the [4, 4, 6] that comes back up.</summary>
[Block]
[Cropping2D(2)]
public sealed class UNetSkip1;

/// <summary>Level 0's lower path: down, encode, level 1 with its skip, decode, up.</summary>
[Block]
[MaxPool2D(2), Conv2D(4, 3, Name = "Enc1"), Relu]
[Concat(typeof(UNetSkip1), typeof(UNetLower1), Names = ["Skip", "Lower"], Name = "Level1")]
[Conv2D(4, 3, Name = "Dec1"), Relu, UpSampling2D(2)]
public sealed class UNetLower0;

/// <summary>Level 0's skip: the [2, 20, 24] encoder map cropped to the [2, 4, 8] that comes back up.</summary>
[Block]
[Cropping2D(8)]
public sealed class UNetSkip0;

/// <summary>The U-Net in double precision with a per-pixel squared error, for the gradient check.</summary>
[Model(Input = [1, 22, 26], Precision = Precision.Double, InputGradient = true)]
[Conv2D(2, 3, Name = "Enc0"), Relu]
[Concat(typeof(UNetSkip0), typeof(UNetLower0), Names = ["Skip", "Lower"], Name = "Level0")]
[Conv2D(2, 3, Name = "Dec0"), Relu]
[Conv2D(2, 1, Name = "Head")]
[Loss(Loss.MeanSquaredError)]
public partial class UNet;
