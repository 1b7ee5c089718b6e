using Precast;

namespace Precast.Models.Tests.Models;

/// <summary>A classifier with dropout, so a resumed run must also restore the random number generator.</summary>
[Model(Input = [6])]
[Dense(16, Name = "Hidden"), Relu, Dropout(0.3)]
[Dense(3, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ResumeNet;

/// <summary><see cref="ResumeNet"/> in double precision.</summary>
[Model(Input = [6], Precision = Precision.Double)]
[Dense(16, Name = "Hidden"), Relu, Dropout(0.3)]
[Dense(3, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ResumeNetDouble;
