"""The benchmarked networks in PyTorch, layer for layer the ones Precast generates.

Each module mirrors a C# declaration: the MLP of benchmarks/Precast.Benchmarks/Mlp.cs, and LeNet,
ResNet and Inception of samples/FashionMnist/*.cs. Every module is registered under the name
Precast gives the layer (the names of the generated model's ParameterTensors and StateTensors),
so a state_dict saved here loads into the Precast model with Checkpoint.Load and back:
`Block3.Projection.Conv2D1.weight`, `ModuleA.Branch7x7.BatchNorm2.running_var`. The compare
command checks this by loading the same weights on both sides and comparing outputs, gradients and
running statistics.

Precast names an unnamed layer after its kind and its position among the layers of that kind in
the same block (Relu1, Relu2, Conv2D1, BatchNorm2); layers without parameters keep those names here
too, so the two summaries read alike.

Initial weights are PyTorch's defaults, not Precast's (He or Glorot uniform): they do not change
the amount of work, and the equivalence check loads one side's weights into the other.
"""

from collections import OrderedDict

import torch
from torch import nn

# Precast's BatchNorm defaults, which are PyTorch's; spelled out because the check depends on them.
BATCH_NORM_MOMENTUM = 0.1
BATCH_NORM_EPSILON = 1e-5

# The networks the compare command knows, in the order it runs them.
NAMES = ("mlp", "lenet", "resnet", "inception")


class GlobalAvgPool2D(nn.Module):
    """Precast's GlobalAvgPool2D: [N, C, H, W] -> [N, C], the mean of each channel."""

    def forward(self, x):
        return x.mean(dim=(2, 3))


class Scale(nn.Sequential):
    """Precast's Scale: the input times a per-channel gate computed from it (squeeze-and-excitation).

    The gate's layers are this module's children, as they are the Scale layer's in Precast
    (`Block1.SE.Dense1.weight`).
    """

    def forward(self, x):
        gate = super().forward(x)
        return x * gate[:, :, None, None]


class Residual(nn.Module):
    """Precast's Residual: branch(x) + x, or branch(x) + projection(x) when the shapes differ.

    The branch's layers are direct children (`Block3.Conv2D1.weight`) and the projection's are under
    `Projection` (`Block3.Projection.Conv2D1.weight`), as Precast names them.
    """

    def __init__(self, branch, projection=None):
        super().__init__()
        self.branch_names = list(branch)
        for name, layer in branch.items():
            self.add_module(name, layer)
        if projection is not None:
            self.Projection = projection  # pylint: disable=invalid-name
        self.has_projection = projection is not None

    def forward(self, x):
        y = x
        for name in self.branch_names:
            y = getattr(self, name)(y)
        return y + (self.Projection(x) if self.has_projection else x)


class Concat(nn.Module):
    """Precast's Concat: every branch on the same input, outputs joined along the channels."""

    def __init__(self, branches):
        super().__init__()
        for name, branch in branches.items():
            self.add_module(name, branch)

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.children()], dim=1)


def batch_norm(channels):
    return nn.BatchNorm2d(channels, eps=BATCH_NORM_EPSILON, momentum=BATCH_NORM_MOMENTUM)


def sequential(*layers):
    return nn.Sequential(OrderedDict(layers))


def mlp():
    """benchmarks/Precast.Benchmarks/Mlp.cs: 784-128-10 with ReLU."""
    return sequential(
        ("Flatten1", nn.Flatten()),
        ("Hidden", nn.Linear(784, 128)), ("Relu1", nn.ReLU()),
        ("Output", nn.Linear(128, 10)),
    )


def lenet():
    """samples/FashionMnist/LeNet.cs: two 5x5 convolutions with max pooling, then three dense layers."""
    return sequential(
        ("C1", nn.Conv2d(1, 6, 5, padding=2)), ("Relu1", nn.ReLU()), ("S2", nn.MaxPool2d(2)),
        ("C3", nn.Conv2d(6, 16, 5)), ("Relu2", nn.ReLU()), ("S4", nn.MaxPool2d(2)),
        ("Flatten1", nn.Flatten()),
        ("F5", nn.Linear(400, 120)), ("Relu3", nn.ReLU()),
        ("F6", nn.Linear(120, 84)), ("Relu4", nn.ReLU()),
        ("Output", nn.Linear(84, 10)),
    )


def excite(channels, reduced):
    """ResNet.cs's Excite16/32/64: GAP, Dense(reduced) without bias, ReLU, Dense(channels) without bias, sigmoid."""
    return Scale(OrderedDict([
        ("GlobalAvgPool2D1", GlobalAvgPool2D()),
        ("Dense1", nn.Linear(channels, reduced, bias=False)), ("Relu1", nn.ReLU()),
        ("Dense2", nn.Linear(reduced, channels, bias=False)), ("Sigmoid1", nn.Sigmoid()),
    ]))


def branch(in_channels, channels, stride):
    """ResNet.cs's Branch16/32/64 (stride 1) and Down32/64 (stride 2): conv, BN, ReLU, conv, BN, SE."""
    return OrderedDict([
        ("Conv2D1", nn.Conv2d(in_channels, channels, 3, stride=stride, padding=1, bias=False)),
        ("BatchNorm1", batch_norm(channels)), ("Relu1", nn.ReLU()),
        ("Conv2D2", nn.Conv2d(channels, channels, 3, padding=1, bias=False)),
        ("BatchNorm2", batch_norm(channels)),
        ("SE", excite(channels, channels // 4)),
    ])


def projection(in_channels, channels):
    """ResNet.cs's Project32/64: a 1x1 convolution at stride 2, then BN."""
    return sequential(
        ("Conv2D1", nn.Conv2d(in_channels, channels, 1, stride=2, bias=False)),
        ("BatchNorm1", batch_norm(channels)),
    )


def resnet():
    """samples/FashionMnist/ResNet.cs: stem, three stages of two SE residual blocks (16, 32, 64 channels)."""
    return sequential(
        ("Stem", nn.Conv2d(1, 16, 3, padding=1, bias=False)), ("StemNorm", batch_norm(16)), ("Relu1", nn.ReLU()),
        ("Block1", Residual(branch(16, 16, 1))), ("Relu2", nn.ReLU()),
        ("Block2", Residual(branch(16, 16, 1))), ("Relu3", nn.ReLU()),
        ("Block3", Residual(branch(16, 32, 2), projection(16, 32))), ("Relu4", nn.ReLU()),
        ("Block4", Residual(branch(32, 32, 1))), ("Relu5", nn.ReLU()),
        ("Block5", Residual(branch(32, 64, 2), projection(32, 64))), ("Relu6", nn.ReLU()),
        ("Block6", Residual(branch(64, 64, 1))), ("Relu7", nn.ReLU()),
        ("Pool", GlobalAvgPool2D()),
        ("Output", nn.Linear(64, 10)),
    )


def conv_bn_relu(index, in_channels, channels, kernel, padding=0):
    """Conv2D{index} without bias, BatchNorm{index}, Relu{index}: the unit every Inception branch is made of."""
    return [
        (f"Conv2D{index}", nn.Conv2d(in_channels, channels, kernel, padding=padding, bias=False)),
        (f"BatchNorm{index}", batch_norm(channels)),
        (f"Relu{index}", nn.ReLU()),
    ]


def inception_module(in_channels, c1x1, c3x3, b3x3, c7x7, b7x7, pool):
    """Inception.cs's modules A and B: 1x1; 1x1 then 3x3; 1x1 then 1x7 and 7x1; 3x3 average pool then 1x1.

    "Same" padding at stride 1 is (kernel - 1) / 2 on each side for these odd kernels. Average pooling
    does not count the padding, as Precast's AvgPool2D does not.
    """
    return Concat(OrderedDict([
        ("Branch1x1", sequential(*conv_bn_relu(1, in_channels, c1x1, 1))),
        ("Branch3x3", sequential(*conv_bn_relu(1, in_channels, b3x3, 1), *conv_bn_relu(2, b3x3, c3x3, 3, padding=1))),
        ("Branch7x7", sequential(
            *conv_bn_relu(1, in_channels, b7x7, 1),
            *conv_bn_relu(2, b7x7, c7x7, (1, 7), padding=(0, 3)),
            *conv_bn_relu(3, c7x7, c7x7, (7, 1), padding=(3, 0)))),
        ("BranchPool", sequential(
            ("AvgPool2D1", nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)),
            *conv_bn_relu(1, in_channels, pool, 1))),
    ]))


def inception():
    """samples/FashionMnist/Inception.cs: stem, module A (64 channels at 14x14), module B (128 at 7x7), classes."""
    return sequential(
        ("Stem", nn.Conv2d(1, 32, 3, padding=1, bias=False)), ("StemNorm", batch_norm(32)), ("Relu1", nn.ReLU()),
        ("MaxPool2D1", nn.MaxPool2d(2)),
        ("ModuleA", inception_module(32, c1x1=16, c3x3=24, b3x3=16, c7x7=12, b7x7=8, pool=12)),
        ("MaxPool2D2", nn.MaxPool2d(2)),
        ("ModuleB", inception_module(64, c1x1=32, c3x3=48, b3x3=24, c7x7=24, b7x7=16, pool=24)),
        ("Pool", GlobalAvgPool2D()),
        ("Dropout1", nn.Dropout(0.2)),
        ("Output", nn.Linear(128, 10)),
    )


_BUILDERS = {"mlp": mlp, "lenet": lenet, "resnet": resnet, "inception": inception}


def build(name):
    """The network called name (one of NAMES), with PyTorch's default initial weights."""
    return _BUILDERS[name]()


def has_dropout(model):
    """Whether training-mode outputs depend on random masks, which the two libraries draw differently."""
    return any(isinstance(module, (nn.Dropout, nn.Dropout2d)) for module in model.modules())


def multiplies_per_sample(model, input_shape):
    """Multiply-adds of one sample's forward pass in the convolutions and dense layers.

    Counted as Precast's Summary() counts them: a convolution's output values times the taps each
    reads (input channels per group x kernel area), a dense layer's inputs times outputs.
    """
    total = 0

    def count(module, inputs, output):
        nonlocal total
        if isinstance(module, nn.Conv2d):
            kernel_height, kernel_width = module.kernel_size
            taps = module.in_channels // module.groups * kernel_height * kernel_width
            total += output[0].numel() * taps
        elif isinstance(module, nn.Linear):
            total += module.in_features * module.out_features

    hooks = [module.register_forward_hook(count) for module in model.modules() if isinstance(module, (nn.Conv2d, nn.Linear))]
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(torch.zeros(1, *input_shape))
    finally:
        for hook in hooks:
            hook.remove()
        model.train(was_training)
    return total
