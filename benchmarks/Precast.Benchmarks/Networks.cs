using FashionMnist;
using Precast.Kernels;

namespace Precast.Benchmarks;

/// <summary>
/// The benchmarked networks: the MLP declared here (<c>Mlp.cs</c>), and the sample's LeNet, ResNet
/// and Inception, compiled from samples/FashionMnist's own files (see Precast.Benchmarks.csproj).
/// </summary>
public static class Networks
{
    /// <summary>MLP 784-128-10.</summary>
    public static readonly Network Mlp = new("mlp", "MLP 784-128-10", (maxBatch, seed) => new Mlp(maxBatch, seed), []);

    /// <summary>
    /// LeNet-5: its largest layer is C3 (240,000 multiplies per sample of 416,520), [6, 14, 14] to
    /// 16 channels with 5×5 filters.
    /// </summary>
    public static readonly Network LeNet = new("lenet", "LeNet-5", (maxBatch, seed) => new LeNet(maxBatch, seed),
    [
        new("C3", Conv2DGeometry.Create(6, 14, 14, 16, 5, 5), HasBias: true),
    ]);

    /// <summary>
    /// The small SE-ResNet. Ten of its convolutions tie for the most multiplies (1,806,336 per sample
    /// of 20,189,312): the second 3×3 convolution of every block, and the first of the blocks that
    /// keep the resolution. They come in three geometries, one per stage, listed here by the first
    /// layer of each: the same work on 16 channels of 28×28, 32 of 14×14 and 64 of 7×7.
    /// </summary>
    public static readonly Network ResNet = new("resnet", "ResNet-SE", (maxBatch, seed) => new ResNet(maxBatch, seed),
    [
        new("Block1.Conv2D2", Conv2DGeometry.Create(16, 28, 28, 16, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1), HasBias: false),
        new("Block3.Conv2D2", Conv2DGeometry.Create(32, 14, 14, 32, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1), HasBias: false),
        new("Block6.Conv2D2", Conv2DGeometry.Create(64, 7, 7, 64, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1), HasBias: false),
    ]);

    /// <summary>
    /// The small Inception network: its largest layer is module A's 3×3 convolution (677,376
    /// multiplies per sample of 2,698,240), [16, 14, 14] to 24 channels.
    /// </summary>
    public static readonly Network Inception = new("inception", "Inception", (maxBatch, seed) => new Inception(maxBatch, seed),
    [
        new("ModuleA.Branch3x3.Conv2D2", Conv2DGeometry.Create(16, 14, 14, 24, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1), HasBias: false),
    ]);

    /// <summary>Every benchmarked network, in the order reports list them.</summary>
    public static IReadOnlyList<Network> All { get; } = [Mlp, LeNet, ResNet, Inception];

    /// <summary>The network called <paramref name="name"/>, or null.</summary>
    public static Network? Find(string name) => All.FirstOrDefault(network => network.Name == name);
}
