using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// The memory plan: one workspace for every activation, activation gradient and layer buffer,
/// placed by lifetime. Time runs through the forward pass (node n at step n), the loss (step N),
/// then the backward pass (node n at step 2N − n). An activation lives from its producer's forward
/// step to its last reader, forward or backward: what a backward step reads is kept until then,
/// what only the forward pass reads is dead soon after and its space reused. A gradient lives from
/// its first writer to its producer's backward step. The model output lives to the end, since
/// ComputeLoss and Predict read it after the pass. A layer buffer lives from the forward to the
/// backward step (a mask) or during one of them (im2col columns). Offsets are in values per sample;
/// buffers whose size does not grow with the batch go to a second arena, the scratch, planned the same way.
/// </summary>
internal static class WorkspacePlanner
{
    /// <summary>Where everything lives.</summary>
    /// <param name="ActivationOffset">Per root tensor (the model input excluded), its offset.</param>
    /// <param name="GradientOffset">Per root tensor, its gradient's offset, or -1.</param>
    /// <param name="BufferOffset">Per node, the offset of each layer buffer: in the workspace if per sample, else in the scratch.</param>
    /// <param name="Total">The workspace's size, in values per sample.</param>
    /// <param name="Unplanned">The size with one buffer per tensor, gradient and per-sample layer buffer.</param>
    /// <param name="ScratchTotal">The scratch's size, in values.</param>
    public sealed record Layout(long[] ActivationOffset, long[] GradientOffset, long[][] BufferOffset, long Total, long Unplanned, long ScratchTotal);

    public static Layout Plan(Graph graph, Shape[] shapes, GradientFlows flows, IReadOnlyList<BufferSpec>[] buffers)
    {
        int steps = graph.Nodes.Count;
        int end = 2 * steps + 1;
        int Backward(int node) => 2 * steps - node;

        var requests = new List<IntervalAllocator.Request>();
        var owners = new List<(char Kind, int Index, int Slot)>();
        void Request(char kind, int index, int slot, long size, int start, int stop)
        {
            requests.Add(new IntervalAllocator.Request(size, start, stop));
            owners.Add((kind, index, slot));
        }

        // Activations: from the producer's forward step to the last reader.
        var lastRead = new int[graph.Tensors.Count];
        foreach (GraphNode node in graph.Nodes)
        {
            lastRead[node.Output] = node.Index;
            bool readsInputs = flows.HasBackward[node.Index] && (node.Layer.BackwardReads & BackwardInputs.Inputs) != 0;
            foreach (int input in node.Inputs)
            {
                int root = flows.Root[input];
                lastRead[root] = System.Math.Max(lastRead[root], readsInputs ? Backward(node.Index) : node.Index);
            }
            if (flows.HasBackward[node.Index] && (node.Layer.BackwardReads & BackwardInputs.Output) != 0)
                lastRead[flows.Root[node.Output]] = System.Math.Max(lastRead[flows.Root[node.Output]], Backward(node.Index));
        }
        lastRead[flows.Root[graph.Output]] = end;
        foreach (GraphNode node in graph.Nodes.Where(n => flows.Root[n.Output] == n.Output))
            Request('a', node.Output, 0, shapes[node.Output].Length, node.Index, lastRead[node.Output]);

        // Gradients: from the first writer (the loss, for the output) to the producer's backward step.
        var firstWrite = Enumerable.Repeat(int.MaxValue, graph.Tensors.Count).ToArray();
        firstWrite[flows.Root[graph.Output]] = steps;
        for (int n = steps - 1; n >= 0; n--)
        {
            GraphNode node = graph.Nodes[n];
            for (int slot = 0; slot < node.Inputs.Length; slot++)
            {
                if (flows.Inputs[n][slot].Needed)
                {
                    int root = flows.Root[node.Inputs[slot]];
                    firstWrite[root] = System.Math.Min(firstWrite[root], Backward(n));
                }
            }
        }
        foreach (GraphNode node in graph.Nodes.Where(n => flows.Root[n.Output] == n.Output && flows.HasGradient[n.Output]))
        {
            int read = flows.HasBackward[node.Index] ? Backward(node.Index) : firstWrite[node.Output];
            Request('g', node.Output, 0, shapes[node.Output].Length, firstWrite[node.Output], System.Math.Max(read, firstWrite[node.Output]));
        }

        // Layer buffers: kept from the forward step to the backward step, or alive during one step.
        // Per-sample ones share the workspace with the tensors; fixed-size ones share the scratch.
        var scratch = new List<IntervalAllocator.Request>();
        var scratchOwners = new List<(int Node, int Slot)>();
        foreach (GraphNode node in graph.Nodes)
        {
            int forward = node.Index;
            int backward = flows.HasBackward[node.Index] ? Backward(node.Index) : node.Index;
            for (int slot = 0; slot < buffers[node.Index].Count; slot++)
            {
                BufferSpec buffer = buffers[node.Index][slot];
                var (start, stop) = buffer.Lifetime switch
                {
                    BufferLifetime.Forward => (forward, forward),
                    BufferLifetime.Backward => (backward, backward),
                    _ => (forward, backward),
                };
                if (buffer.PerSample)
                {
                    Request('b', node.Index, slot, buffer.Length, start, stop);
                }
                else
                {
                    scratch.Add(new IntervalAllocator.Request(buffer.Length, start, stop));
                    scratchOwners.Add((node.Index, slot));
                }
            }
        }

        var (offsets, total) = IntervalAllocator.Place(requests);
        var (scratchOffsets, scratchTotal) = IntervalAllocator.Place(scratch);
        var activation = Enumerable.Repeat(-1L, graph.Tensors.Count).ToArray();
        var gradient = Enumerable.Repeat(-1L, graph.Tensors.Count).ToArray();
        var bufferOffsets = graph.Nodes.Select(n => new long[buffers[n.Index].Count]).ToArray();
        for (int i = 0; i < owners.Count; i++)
        {
            var (kind, index, slot) = owners[i];
            switch (kind)
            {
                case 'a': activation[index] = offsets[i]; break;
                case 'g': gradient[index] = offsets[i]; break;
                default: bufferOffsets[index][slot] = offsets[i]; break;
            }
        }
        for (int i = 0; i < scratchOwners.Count; i++)
            bufferOffsets[scratchOwners[i].Node][scratchOwners[i].Slot] = scratchOffsets[i];
        return new Layout(activation, gradient, bufferOffsets, total, requests.Sum(r => r.Size), scratchTotal);
    }
}
