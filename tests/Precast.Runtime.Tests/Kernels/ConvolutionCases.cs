using Precast.Kernels;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// The shapes the convolution tests run, by name. Vectors are 4 or 8 floats (2 or 4 doubles), a
/// direct tile 6 channels × 2 vectors, a gradient tile 3 channels × 4 kernel columns, the staging
/// buffer 4096 values: the channel counts and widths fall on either side of each.
/// </summary>
public static class ConvolutionCases
{
    public static readonly IReadOnlyDictionary<string, (Conv2DGeometry Geometry, int Batch)> All =
        new Dictionary<string, (Conv2DGeometry, int)>
        {
            ["LeNet 1→6 5×5 valid"] = (Conv2DGeometry.Create(1, 14, 14, 6, 5, 5), 1),
            ["3→5 3×3 stride 2 pad 1, 9×11"] = (Conv2DGeometry.Create(3, 9, 11, 5, 3, 3, 2, 2, 1, 1, 1, 1), 3),
            ["2→3 3×3 stride 3 pad 2, 10×13"] = (Conv2DGeometry.Create(2, 10, 13, 3, 3, 3, 3, 3, 2, 2, 2, 2), 1),
            ["4→7 3×3 stride 2 same (asymmetric), 8×10"] = (Conv2DGeometry.Same(4, 8, 10, 7, 3, 3, 2, 2), 3),
            ["3→4 3×3 dilation 2 pad 2, 11×9"] = (Conv2DGeometry.Create(3, 11, 9, 4, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2), 1),
            ["3→5 3×3 stride 1×2 dilation 2×3 pad 1/2/0/3, 12×17"] = (Conv2DGeometry.Create(3, 12, 17, 5, 3, 3, 1, 2, 1, 2, 0, 3, 2, 3), 3),
            ["2→3 3×3 stride 2 dilation 2 (columns no tap reaches), 11×11"] = (Conv2DGeometry.Create(2, 11, 11, 3, 3, 3, 2, 2, 0, 0, 0, 0, 2, 2), 1),
            ["Conv1D stride 2 k4 pad 1, 2→3, 1200"] = (Conv2DGeometry.Create(2, 1, 1200, 3, 1, 4, 1, 2, 0, 0, 1, 1), 3),
            ["groups 2: 4→6 3×3 pad 1, 7×9"] = (Conv2DGeometry.Create(4, 7, 9, 6, 3, 3, 1, 1, 1, 1, 1, 1, groups: 2), 3),
            ["groups 4: 8→12 3×5 pad 1×2, 6×11"] = (Conv2DGeometry.Create(8, 6, 11, 12, 3, 5, 1, 1, 1, 1, 2, 2, groups: 4), 1),
            ["depthwise 5 3×3 pad 1, 9×20"] = (Conv2DGeometry.Create(5, 9, 20, 5, 3, 3, 1, 1, 1, 1, 1, 1, groups: 5), 3),
            ["depthwise 2 3×3 pad 1, 5×70"] = (Conv2DGeometry.Create(2, 5, 70, 2, 3, 3, 1, 1, 1, 1, 1, 1, groups: 2), 1),
            ["depthwise ×2 3→6 3×3 stride 2 pad 1, 10×9"] = (Conv2DGeometry.Create(3, 10, 9, 6, 3, 3, 2, 2, 1, 1, 1, 1, groups: 3), 1),
            ["depthwise 4 5×5 dilation 2 same, 12×12"] = (Conv2DGeometry.Same(4, 12, 12, 4, 5, 5, dilationHeight: 2, dilationWidth: 2, groups: 4), 1),
            ["1×7 pad 0×3, 3→4, 5×19"] = (Conv2DGeometry.Create(3, 5, 19, 4, 1, 7, 1, 1, 0, 0, 3, 3), 3),
            ["7×1 pad 3×0, 3→4, 19×5"] = (Conv2DGeometry.Create(3, 19, 5, 4, 7, 1, 1, 1, 3, 3, 0, 0), 1),
            ["3×5 valid, 2→3, 8×21"] = (Conv2DGeometry.Create(2, 8, 21, 3, 3, 5), 3),
            ["pointwise 7→5, 6×9"] = (Conv2DGeometry.Create(7, 6, 9, 5, 1, 1), 3),
            ["pointwise groups 2: 8→4, 5×5"] = (Conv2DGeometry.Create(8, 5, 5, 4, 1, 1, groups: 2), 1),
            ["1×1 stride 2, 6→3, 9×9"] = (Conv2DGeometry.Create(6, 9, 9, 3, 1, 1, 2, 2), 1),
            ["Conv1D 3→4 k5 pad 2, 40"] = (Conv2DGeometry.Create(3, 1, 40, 4, 1, 5, 1, 1, 0, 0, 2, 2), 3),
            ["13 channels out of 3, 3×3 pad 1, 6×70"] = (Conv2DGeometry.Create(3, 6, 70, 13, 3, 3, 1, 1, 1, 1, 1, 1), 1),
            ["rows beyond the staging buffer: Conv1D k3 pad 1, 5000"] = (Conv2DGeometry.Create(2, 1, 5000, 3, 1, 3, 1, 1, 0, 0, 1, 1), 1),
            ["channels beyond the staging buffer: 48→4 3×3 pad 1, 4×30"] = (Conv2DGeometry.Create(48, 4, 30, 4, 3, 3, 1, 1, 1, 1, 1, 1), 1),
            ["planes beyond the staging buffer: 1→2 3×3 pad 1, 200×30"] = (Conv2DGeometry.Create(1, 200, 30, 2, 3, 3, 1, 1, 1, 1, 1, 1), 1),
            ["output rows in the padding: 2→3 2×2 pad 3, 4×5"] = (Conv2DGeometry.Create(2, 4, 5, 3, 2, 2, 1, 1, 3, 3, 3, 3), 3),
            ["unread last rows: 2→2 3×3 stride 2, 8×8"] = (Conv2DGeometry.Create(2, 8, 8, 2, 3, 3, 2, 2), 1),
            ["narrower than a vector with many channels: 4→70 3×3 same, 7×7"] = (Conv2DGeometry.Same(4, 7, 7, 70, 3, 3), 1),
            ["narrower than a vector: 2→3 3×3, 5×5"] = (Conv2DGeometry.Create(2, 5, 5, 3, 3, 3), 3),
            ["transposable: 3→4 3×3 stride 2 pad 1 output padding 1, 9×9"] = (new Conv2DGeometry(3, 10, 10, 4, 5, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1), 3),
        };

    /// <summary>
    /// A geometry drawn at random: 1 to 5 channels per group in and out, 1, 2 or 4 groups or depthwise
    /// (multiplier 1 or 2), kernels of 1, 2, 3, 5 or 7 per side, stride 1 to 3, dilation 1 or 2, each
    /// side padded 0 to 2, inputs of 1 to 20 per side (at least the kernel's extent once padded), batch
    /// 1 or 3.
    /// </summary>
    public static (Conv2DGeometry Geometry, int Batch) Random(int seed)
    {
        var random = new Random(1000 + seed);
        int[] kernels = [1, 2, 3, 5, 7];
        bool depthwise = random.Next(4) == 0;
        int groups = depthwise ? random.Next(1, 6) : new[] { 1, 2, 4 }[random.Next(3)];
        int inChannels = depthwise ? groups : groups * random.Next(1, 6);
        int outChannels = depthwise ? groups * random.Next(1, 3) : groups * random.Next(1, 6);
        int kh = kernels[random.Next(5)], kw = kernels[random.Next(5)];
        int dh = random.Next(1, 3), dw = random.Next(1, 3);
        int sh = random.Next(1, 4), sw = random.Next(1, 4);
        int pt = random.Next(3), pb = random.Next(3), pl = random.Next(3), pr = random.Next(3);
        int h = Math.Max(random.Next(1, 21), dh * (kh - 1) + 1 - pt - pb);
        int w = Math.Max(random.Next(1, 21), dw * (kw - 1) + 1 - pl - pr);
        return (Conv2DGeometry.Create(inChannels, h, w, outChannels, kh, kw, sh, sw, pt, pb, pl, pr, dh, dw, groups), random.Next(2) == 0 ? 1 : 3);
    }
}
