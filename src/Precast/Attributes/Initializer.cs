namespace Precast;

/// <summary>How a layer's weights are initialized when the model is constructed. Biases start at zero.</summary>
public enum Initializer
{
    /// <summary>
    /// He (Kaiming) uniform when the layer is followed by ReLU, LeakyReLU or GELU; Glorot (Xavier)
    /// uniform otherwise.
    /// </summary>
    Auto = 0,

    /// <summary>Uniform in <c>±sqrt(6 / (fanIn + fanOut))</c>.</summary>
    GlorotUniform = 1,

    /// <summary>Normal with standard deviation <c>sqrt(2 / (fanIn + fanOut))</c>.</summary>
    GlorotNormal = 2,

    /// <summary>Uniform in <c>±sqrt(6 / fanIn)</c>.</summary>
    HeUniform = 3,

    /// <summary>Normal with standard deviation <c>sqrt(2 / fanIn)</c>.</summary>
    HeNormal = 4,
}
