using Precast;

namespace Precast.Models.Tests.Models;

/// <summary>The network of tests/fixtures/torch_state_dict.py, whose layers PyTorch calls fc1 and fc2.</summary>
[Model(Input = [4])]
[Dense(5, Name = "Hidden"), Tanh]
[Dense(3, Name = "Output")]
public partial class StateDictNet;
