using FashionMnist;

namespace Precast.Benchmarks;

/// <summary>
/// The benchmarked networks: the MLP declared here (<c>Mlp.cs</c>), and the sample's LeNet, ResNet
/// and Inception, compiled from samples/FashionMnist's own files (see Precast.Benchmarks.csproj),
/// with their convolutions as <see cref="NetworkConvolutions"/> lists them.
/// </summary>
public static class Networks
{
    /// <summary>MLP 784-128-10.</summary>
    public static readonly Network Mlp = new("mlp", "MLP 784-128-10", (maxBatch, seed) => new Mlp(maxBatch, seed), []);

    /// <summary>LeNet-5: its largest layer is C3 (240,000 multiplies per sample of 416,520), [6, 14, 14] to 16 channels with 5×5 filters.</summary>
    public static readonly Network LeNet = new("lenet", "LeNet-5", (maxBatch, seed) => new LeNet(maxBatch, seed), NetworkConvolutions.LeNet);

    /// <summary>
    /// The small SE-ResNet. Ten of its convolutions tie for the most multiplies (1,806,336 per sample
    /// of 20,189,312): the second 3×3 convolution of every block, and the first of the blocks that
    /// keep the resolution: the same work on 16 channels of 28×28, 32 of 14×14 and 64 of 7×7.
    /// </summary>
    public static readonly Network ResNet = new("resnet", "ResNet-SE", (maxBatch, seed) => new ResNet(maxBatch, seed), NetworkConvolutions.ResNet);

    /// <summary>
    /// The small Inception network: its largest layer is module A's 3×3 convolution (677,376
    /// multiplies per sample of 2,698,240), [16, 14, 14] to 24 channels.
    /// </summary>
    public static readonly Network Inception = new("inception", "Inception", (maxBatch, seed) => new Inception(maxBatch, seed), NetworkConvolutions.Inception);

    /// <summary>Every benchmarked network, in the order reports list them.</summary>
    public static IReadOnlyList<Network> All { get; } = [Mlp, LeNet, ResNet, Inception];

    /// <summary>The network called <paramref name="name"/>, or null.</summary>
    public static Network? Find(string name) => All.FirstOrDefault(network => network.Name == name);
}
