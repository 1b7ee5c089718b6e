using Precast.Kernels;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// Slow, obviously correct convolutions in double, written from the definitions: the forward sum
/// over each output's window, the data gradient as the scatter of each output's gradient back onto
/// its window, the weight gradient as each tap's sum over the outputs, and the transposed
/// convolution from PyTorch's ConvTranspose2d definition (every input value scatters its kernel).
/// Each also returns, per value, the sum of the absolute values of its terms: the scale of the
/// rounding error a correct summation may make.
/// </summary>
public static class ConvolutionReference
{
    /// <summary><c>y[n, o, i, j] = bias[o] + Σ weight[o, c, u, v] · x[n, g·Cg + c, i·sh − pt + u·dh, j·sw − pl + v·dw]</c>.</summary>
    public static (double[] Value, double[] Magnitude) Forward(double[] x, double[] weight, double[] bias, Conv2DGeometry g, int batch)
    {
        var y = new double[batch * g.OutputLength];
        var magnitude = new double[y.Length];
        int cg = g.InChannels / g.Groups, og = g.OutChannels / g.Groups;
        for (int n = 0; n < batch; n++)
        for (int o = 0; o < g.OutChannels; o++)
        for (int i = 0; i < g.OutHeight; i++)
        for (int j = 0; j < g.OutWidth; j++)
        {
            double sum = bias.Length == 0 ? 0 : bias[o];
            double size = Math.Abs(sum);
            for (int c = 0; c < cg; c++)
            for (int u = 0; u < g.KernelHeight; u++)
            for (int v = 0; v < g.KernelWidth; v++)
            {
                int row = i * g.StrideHeight - g.PadTop + u * g.DilationHeight;
                int col = j * g.StrideWidth - g.PadLeft + v * g.DilationWidth;
                if (row < 0 || row >= g.InHeight || col < 0 || col >= g.InWidth)
                    continue;
                double term = weight[((o * cg + c) * g.KernelHeight + u) * g.KernelWidth + v]
                              * x[((n * g.InChannels + o / og * cg + c) * g.InHeight + row) * g.InWidth + col];
                sum += term;
                size += Math.Abs(term);
            }
            int index = ((n * g.OutChannels + o) * g.OutHeight + i) * g.OutWidth + j;
            y[index] = sum;
            magnitude[index] = size;
        }
        return (y, magnitude);
    }

    /// <summary>Each output gradient scattered back onto the inputs its window read.</summary>
    public static (double[] Value, double[] Magnitude) BackwardData(double[] dy, double[] weight, Conv2DGeometry g, int batch)
    {
        var dx = new double[batch * g.InputLength];
        var magnitude = new double[dx.Length];
        int cg = g.InChannels / g.Groups, og = g.OutChannels / g.Groups;
        for (int n = 0; n < batch; n++)
        for (int o = 0; o < g.OutChannels; o++)
        for (int i = 0; i < g.OutHeight; i++)
        for (int j = 0; j < g.OutWidth; j++)
        for (int c = 0; c < cg; c++)
        for (int u = 0; u < g.KernelHeight; u++)
        for (int v = 0; v < g.KernelWidth; v++)
        {
            int row = i * g.StrideHeight - g.PadTop + u * g.DilationHeight;
            int col = j * g.StrideWidth - g.PadLeft + v * g.DilationWidth;
            if (row < 0 || row >= g.InHeight || col < 0 || col >= g.InWidth)
                continue;
            double term = dy[((n * g.OutChannels + o) * g.OutHeight + i) * g.OutWidth + j]
                          * weight[((o * cg + c) * g.KernelHeight + u) * g.KernelWidth + v];
            int index = ((n * g.InChannels + o / og * cg + c) * g.InHeight + row) * g.InWidth + col;
            dx[index] += term;
            magnitude[index] += Math.Abs(term);
        }
        return (dx, magnitude);
    }

    /// <summary><c>dW[o, c, u, v] = Σ dy[n, o, i, j] · x[...]</c> and <c>dB[o] = Σ dy[n, o, i, j]</c>.</summary>
    public static (double[] Weight, double[] WeightMagnitude, double[] Bias, double[] BiasMagnitude) BackwardWeights(
        double[] x, double[] dy, Conv2DGeometry g, int batch)
    {
        int cg = g.InChannels / g.Groups, og = g.OutChannels / g.Groups;
        var dw = new double[g.OutChannels * cg * g.KernelHeight * g.KernelWidth];
        var dwSize = new double[dw.Length];
        var db = new double[g.OutChannels];
        var dbSize = new double[db.Length];
        for (int n = 0; n < batch; n++)
        for (int o = 0; o < g.OutChannels; o++)
        for (int i = 0; i < g.OutHeight; i++)
        for (int j = 0; j < g.OutWidth; j++)
        {
            double d = dy[((n * g.OutChannels + o) * g.OutHeight + i) * g.OutWidth + j];
            db[o] += d;
            dbSize[o] += Math.Abs(d);
            for (int c = 0; c < cg; c++)
            for (int u = 0; u < g.KernelHeight; u++)
            for (int v = 0; v < g.KernelWidth; v++)
            {
                int row = i * g.StrideHeight - g.PadTop + u * g.DilationHeight;
                int col = j * g.StrideWidth - g.PadLeft + v * g.DilationWidth;
                if (row < 0 || row >= g.InHeight || col < 0 || col >= g.InWidth)
                    continue;
                double term = d * x[((n * g.InChannels + o / og * cg + c) * g.InHeight + row) * g.InWidth + col];
                int index = ((o * cg + c) * g.KernelHeight + u) * g.KernelWidth + v;
                dw[index] += term;
                dwSize[index] += Math.Abs(term);
            }
        }
        return (dw, dwSize, db, dbSize);
    }

    /// <summary>
    /// PyTorch's ConvTranspose2d: input [batch, inChannels, h, w], weight [inChannels, outChannels/groups, kh, kw],
    /// output [batch, outChannels, outH, outW] with outH = (h − 1)·sh − 2·ph + dh·(kh − 1) + oph + 1; every input
    /// value adds <c>x · weight[ci, co, u, v]</c> at output <c>(i·sh − ph + u·dh, j·sw − pw + v·dw)</c>.
    /// </summary>
    public static (double[] Value, double[] Magnitude, int OutHeight, int OutWidth) TransposedForward(
        double[] x, double[] weight, double[] bias, int batch, int inChannels, int h, int w, int outChannels, int kh, int kw,
        int sh, int sw, int ph, int pw, int oph, int opw, int dh, int dw, int groups)
    {
        int outH = (h - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1;
        int outW = (w - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1;
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        var y = new double[batch * outChannels * outH * outW];
        var magnitude = new double[y.Length];
        for (int n = 0; n < batch; n++)
        for (int co = 0; co < outChannels; co++)
        for (int p = 0; p < outH * outW; p++)
        {
            int index = (n * outChannels + co) * outH * outW + p;
            y[index] = bias.Length == 0 ? 0 : bias[co];
            magnitude[index] = Math.Abs(y[index]);
        }
        for (int n = 0; n < batch; n++)
        for (int ci = 0; ci < inChannels; ci++)
        for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++)
        for (int c = 0; c < outPerGroup; c++)
        for (int u = 0; u < kh; u++)
        for (int v = 0; v < kw; v++)
        {
            int row = i * sh - ph + u * dh, col = j * sw - pw + v * dw;
            if (row < 0 || row >= outH || col < 0 || col >= outW)
                continue;
            int co = ci / inPerGroup * outPerGroup + c;
            double term = x[((n * inChannels + ci) * h + i) * w + j] * weight[((ci * outPerGroup + c) * kh + u) * kw + v];
            int index = ((n * outChannels + co) * outH + row) * outW + col;
            y[index] += term;
            magnitude[index] += Math.Abs(term);
        }
        return (y, magnitude, outH, outW);
    }
}
