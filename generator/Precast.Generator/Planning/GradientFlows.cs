using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// Which gradients the backward pass computes, and how: llm.c's rule, made exact. A tensor needs a
/// gradient when a parameter (or the model input, with InputGradient) lies upstream of it; nothing
/// computes a gradient nobody reads. A tensor read by several nodes receives the sum of their
/// gradients: in backward order the first writes it and the others add into it. A view (Flatten)
/// shares its input's memory, so gradients written for it land in its input's gradient.
/// </summary>
internal sealed class GradientFlows
{
    private GradientFlows(int[] root, bool[] hasGradient, List<GradientFlow>[] inputs, bool[] hasBackward)
    {
        Root = root;
        HasGradient = hasGradient;
        Inputs = inputs;
        HasBackward = hasBackward;
    }

    /// <summary>For every tensor, the tensor whose memory it is: itself, or for a view its source's root.</summary>
    public int[] Root { get; }

    /// <summary>For every root tensor, whether its gradient exists.</summary>
    public bool[] HasGradient { get; }

    /// <summary>For every node, what its backward step does for each input.</summary>
    public List<GradientFlow>[] Inputs { get; }

    /// <summary>For every node, whether its backward step has any work.</summary>
    public bool[] HasBackward { get; }

    public static GradientFlows Analyze(ModelSpec spec, Graph graph, List<ParameterPlan>[] parameters)
    {
        int tensors = graph.Tensors.Count;
        var root = new int[tensors];
        var trainable = new bool[tensors];
        root[graph.Input] = graph.Input;
        trainable[graph.Input] = spec.InputGradient;
        foreach (GraphNode node in graph.Nodes)
        {
            bool upstream = node.Inputs.Any(t => trainable[t]);
            trainable[node.Output] = upstream || parameters[node.Index].Count > 0;
            root[node.Output] = node.Layer.IsView ? root[node.Inputs[0]] : node.Output;
        }

        var hasGradient = new bool[tensors];
        for (int t = 0; t < tensors; t++)
            hasGradient[root[t]] |= trainable[t];
        // The loss (or Backward(outputGradient)) writes the output's gradient whatever lies upstream.
        hasGradient[root[graph.Output]] = true;

        var inputs = new List<GradientFlow>[graph.Nodes.Count];
        var hasBackward = new bool[graph.Nodes.Count];
        // Walk backward order; the first writer of a root's gradient overwrites it, later ones add.
        // The output's gradient is written first by the loss.
        var written = new bool[tensors];
        written[root[graph.Output]] = true;
        for (int n = graph.Nodes.Count - 1; n >= 0; n--)
        {
            GraphNode node = graph.Nodes[n];
            var flows = new List<GradientFlow>();
            foreach (int input in node.Inputs)
            {
                bool needed = !node.Layer.IsView && trainable[input];
                bool accumulate = needed && written[root[input]];
                if (needed)
                    written[root[input]] = true;
                flows.Add(new GradientFlow(needed, accumulate));
            }
            inputs[n] = flows;
            hasBackward[n] = !node.Layer.IsView && (parameters[n].Count > 0 || flows.Any(f => f.Needed));
        }
        return new GradientFlows(root, hasGradient, inputs, hasBackward);
    }
}
