using System;
using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Diagnostics;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// Planning: a pure function from the declared model to the checked plan. It expands the model
/// into its graph (<see cref="GraphBuilder"/>), walks the nodes in order inferring every shape and
/// laying the parameters out one after another in the flat buffer, decides which gradients flow
/// (<see cref="GradientFlows"/>), places every activation, gradient and layer buffer in the workspace
/// (<see cref="WorkspacePlanner"/>), and reports every mistake on the attribute that causes it.
/// </summary>
internal static class ModelPlanner
{
    public static ModelPlan Plan(ModelSpec spec)
    {
        var diagnostics = new List<DiagnosticInfo>(spec.Diagnostics);
        try
        {
            return PlanModel(spec, diagnostics);
        }
        catch (Exception exception)
        {
            // Never throw out of the generator: an unexpected state becomes a diagnostic.
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InternalError, spec.ModelLocation, spec.ClassName, exception.Message));
            return Unplanned(spec, diagnostics, surfaceIsFree: false);
        }
    }

    private static ModelPlan PlanModel(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (spec.HasBindingErrors)
        {
            // The compiler's errors come first; Precast reports nothing until they are fixed, but
            // still needs to know whether the public surface can be emitted meanwhile.
            bool free = NameClashes.CheckFixedMembers(spec, new List<DiagnosticInfo>());
            return Unplanned(spec, new List<DiagnosticInfo>(), free);
        }

        // A spec the parser gave up on (PC0013) lacks what it could not read: its missing input and
        // layers are not the user's mistakes.
        if (spec.Diagnostics.Any(d => d.Descriptor == Descriptors.InternalError))
            return Unplanned(spec, diagnostics, surfaceIsFree: false);

        Shape? input = CheckInput(spec, diagnostics);
        if (spec.Items.Count == 0)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NoLayers, spec.ModelLocation, spec.ClassName));
        // Members every model has must not clash with the user's, whatever else is wrong: the
        // public surface is emitted even for a model with errors.
        bool surfaceIsFree = NameClashes.CheckFixedMembers(spec, diagnostics);
        if (input is null || spec.Items.Count == 0 || diagnostics.Any(d => d.IsError))
            return Unplanned(spec, diagnostics, surfaceIsFree);

        Graph? graph = GraphBuilder.Build(spec, diagnostics);
        if (graph is null)
            return Unplanned(spec, diagnostics, surfaceIsFree);

        var shapes = new Shape[graph.Tensors.Count];
        shapes[graph.Input] = input.Value;
        var nodeParameters = new List<ParameterPlan>[graph.Nodes.Count];
        var nodeStates = new List<StatePlan>[graph.Nodes.Count];
        var nodeBuffers = new IReadOnlyList<BufferSpec>[graph.Nodes.Count];
        var multiplies = new long[graph.Nodes.Count];
        long parameterCount = 0;
        long stateCount = 0;
        foreach (GraphNode node in graph.Nodes)
        {
            var inputs = node.Inputs.Select(t => shapes[t]).ToList();
            if (node.Layer.InputCount > 0 && inputs.Count != node.Layer.InputCount)
                throw new InvalidOperationException($"{node.Display} has {inputs.Count} inputs; it takes {node.Layer.InputCount}.");
            var context = new ShapeContext(node.Display, node.Inputs.Select(t => graph.Tensors[t].ProducerDisplay).ToList(), node.UseSite, spec.Precision, diagnostics);
            // Later shapes depend on this one; stop rather than report consequences of one mistake.
            if (node.Layer.InferShape(inputs, context) is not { } output)
                return Unplanned(spec, diagnostics, surfaceIsFree);
            if (output.CheckedLength > Limits.MaxArrayLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, node.UseSite, $"The output of {node.Display} ({output})", Sizes.Product(output.Dimensions)));
                return Unplanned(spec, diagnostics, surfaceIsFree);
            }
            shapes[node.Output] = output;

            nodeParameters[node.Index] = [];
            foreach (ParameterSpec parameter in node.Layer.GetParameters(inputs, output))
            {
                long length = parameter.Shape.CheckedLength;
                if (length > Limits.MaxArrayLength)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, node.UseSite,
                        $"The {parameter.Suffix} of {node.Display} ({parameter.Shape})", Sizes.Product(parameter.Shape.Dimensions)));
                    return Unplanned(spec, diagnostics, surfaceIsFree);
                }
                string property = MemberNames.ParameterView(node.Path, parameter.Suffix);
                nodeParameters[node.Index].Add(new ParameterPlan(node.Path, parameter, (int)Math.Min(parameterCount, Limits.MaxArrayLength), property, IsPublic: !node.Path.Contains('.')));
                parameterCount += length;
            }
            if (parameterCount > Limits.MaxArrayLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, node.UseSite, $"Model '{spec.ClassName}' up to {node.Display}", parameterCount));
                return Unplanned(spec, diagnostics, surfaceIsFree);
            }

            nodeStates[node.Index] = [];
            foreach (StateSpec state in node.Layer.GetState(inputs, output))
            {
                string property = MemberNames.StateView(node.Path, state.Suffix);
                nodeStates[node.Index].Add(new StatePlan(node.Path, state, (int)Math.Min(stateCount, Limits.MaxArrayLength), property, IsPublic: !node.Path.Contains('.')));
                stateCount += state.Shape.CheckedLength;
            }
            if (stateCount > Limits.MaxArrayLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, node.UseSite, $"The state of model '{spec.ClassName}' up to {node.Display}", stateCount));
                return Unplanned(spec, diagnostics, surfaceIsFree);
            }
            nodeBuffers[node.Index] = node.Layer.GetBuffers(inputs, output).ToList();
            multiplies[node.Index] = node.Layer.Multiplies(inputs, output);
        }

        CheckLoss(spec, graph, shapes, diagnostics);

        var flows = GradientFlows.Analyze(spec, graph, nodeParameters);
        var workspace = WorkspacePlanner.Plan(graph, shapes, flows, nodeBuffers);
        if (workspace.Total > Limits.MaxArrayLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, spec.ModelLocation,
                $"The workspace of model '{spec.ClassName}' (its activations, gradients and layer buffers, per sample)", workspace.Total));
            return Unplanned(spec, diagnostics, surfaceIsFree);
        }
        if (workspace.ScratchTotal > Limits.MaxArrayLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, spec.ModelLocation,
                $"The scratch of model '{spec.ClassName}' (its fixed-size layer buffers)", workspace.ScratchTotal));
            return Unplanned(spec, diagnostics, surfaceIsFree);
        }

        var parts = new NodeParts(nodeParameters, nodeStates, nodeBuffers, multiplies);
        var plan = Assemble(spec, input.Value, graph, shapes, parts, parameterCount, (int)stateCount, flows, workspace, diagnostics, surfaceIsFree);
        NameClashes.CheckLayerMembers(spec, plan, diagnostics);
        return plan with { Diagnostics = diagnostics.ToEquatableArray() };
    }

    private static void CheckLoss(ModelSpec spec, Graph graph, Shape[] shapes, List<DiagnosticInfo> diagnostics)
    {
        if (spec.Loss is not { } loss)
            return;
        GraphTensor output = graph.Tensors[graph.Output];
        loss.Fits(shapes[graph.Output], output.ProducerDisplay, diagnostics);
        if (output.Producer >= 0 && graph.Nodes[output.Producer] is { } last && !last.Path.Contains('.') && loss.BuiltInActivation == last.Layer.Kind)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.RedundantActivation, last.UseSite, last.Display, loss.Kind, loss.BuiltInActivation));
    }

    /// <summary>What each node holds besides its output, by node index.</summary>
    private sealed record NodeParts(List<ParameterPlan>[] Parameters, List<StatePlan>[] States, IReadOnlyList<BufferSpec>[] Buffers, long[] Multiplies);

    private static ModelPlan Assemble(
        ModelSpec spec, Shape input, Graph graph, Shape[] shapes, NodeParts parts, long parameterCount, int stateCount,
        GradientFlows flows, WorkspacePlanner.Layout workspace, List<DiagnosticInfo> diagnostics, bool surfaceIsFree)
    {
        var nodeParameters = parts.Parameters;
        var consumers = graph.Tensors.Select(_ => new List<GraphNode>()).ToArray();
        foreach (GraphNode node in graph.Nodes)
        {
            foreach (int tensor in node.Inputs)
                consumers[tensor].Add(node);
        }

        var tensors = graph.Tensors.Select(tensor =>
        {
            int root = flows.Root[tensor.Id];
            bool isInput = root == graph.Input;
            string local = isInput ? "input" : MemberNames.OutputLocal(graph.Nodes[graph.Tensors[root].Producer].Path);
            string gradientLocal = isInput ? "dInput" : MemberNames.GradientLocal(graph.Nodes[graph.Tensors[root].Producer].Path);
            return new TensorPlan(tensor.Id, shapes[tensor.Id], tensor.Producer, local, gradientLocal,
                isInput ? -1 : (int)workspace.ActivationOffset[root],
                isInput ? -1 : (int)workspace.GradientOffset[root],
                flows.HasGradient[root]);
        }).ToEquatableArray();

        var nodes = graph.Nodes.Select(node =>
        {
            var buffers = parts.Buffers[node.Index]
                .Select((buffer, i) => new BufferPlan(buffer.Suffix, MemberNames.BufferLocal(node.Path, buffer.Suffix),
                    (int)workspace.BufferOffset[node.Index][i], buffer.Length, buffer.Description, buffer.Lifetime, buffer.PerSample))
                .ToEquatableArray();
            var readers = ConsumersOf(node.Output, consumers);
            return new NodePlan(node.Index, node.Layer, node.Path, node.Inputs.ToEquatableArray(), node.Output,
                nodeParameters[node.Index].ToEquatableArray(), parts.States[node.Index].ToEquatableArray(), buffers, flows.Inputs[node.Index].ToEquatableArray(), flows.HasBackward[node.Index],
                readers.Select(c => c.Display).ToEquatableArray(), readers.Count > 0 && readers.All(c => c.Layer.PrefersHeInitialization),
                node.Opens.ToEquatableArray(), node.UseSite);
        }).ToEquatableArray();

        var summary = graph.Summary
            .Where(entry => entry.Output >= 0)
            .Select(entry =>
            {
                var covered = Enumerable.Range(entry.FirstNode, entry.EndNode - entry.FirstNode).ToList();
                return new SummaryRow(entry.Depth, entry.Name, entry.Kind, shapes[entry.Output],
                    covered.Sum(n => nodeParameters[n].Sum(p => (long)p.Length)), covered.Sum(n => parts.Multiplies[n]));
            })
            .ToEquatableArray();

        int largest = shapes.Max(shape => shape.Length);
        return new ModelPlan(spec, input, nodes, tensors, graph.Output, nodeParameters.SelectMany(p => p).ToEquatableArray(),
            (int)parameterCount, parts.States.SelectMany(s => s).ToEquatableArray(), stateCount, summary,
            new MemoryPlan((int)workspace.Total, workspace.Unplanned, (int)workspace.ScratchTotal), largest,
            diagnostics.ToEquatableArray(), surfaceIsFree);
    }

    /// <summary>The nodes that read a tensor, looking through views (a Flatten's readers read its input too).</summary>
    private static List<GraphNode> ConsumersOf(int tensor, List<GraphNode>[] consumers)
    {
        var result = new List<GraphNode>();
        var pending = new Stack<int>();
        pending.Push(tensor);
        while (pending.Count > 0)
        {
            foreach (GraphNode consumer in consumers[pending.Pop()])
            {
                if (consumer.Layer.IsView)
                    pending.Push(consumer.Output);
                else
                    result.Add(consumer);
            }
        }
        return result;
    }

    private static Shape? CheckInput(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (spec.Input.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MissingInputShape, spec.ModelLocation, spec.ClassName));
            return null;
        }
        for (int axis = 0; axis < spec.Input.Count; axis++)
        {
            if (spec.Input[axis] < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonPositiveSize, spec.ModelLocation,
                    $"Input dimension {axis}", $"model '{spec.ClassName}'", spec.Input[axis]));
                return null;
            }
        }
        var shape = new Shape(spec.Input);
        if (shape.CheckedLength > Limits.MaxArrayLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, spec.ModelLocation,
                $"The input of model '{spec.ClassName}' ({shape})", Sizes.Product(spec.Input)));
            return null;
        }
        return shape;
    }

    private static ModelPlan Unplanned(ModelSpec spec, List<DiagnosticInfo> diagnostics, bool surfaceIsFree) =>
        new(spec, default, EquatableArray<NodePlan>.Empty, EquatableArray<TensorPlan>.Empty, 0, EquatableArray<ParameterPlan>.Empty,
            0, EquatableArray<StatePlan>.Empty, 0, EquatableArray<SummaryRow>.Empty, new MemoryPlan(0, 0, 0), 0, diagnostics.ToEquatableArray(), surfaceIsFree);
}
