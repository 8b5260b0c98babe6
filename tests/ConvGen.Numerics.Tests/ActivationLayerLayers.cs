using ConvGen;

namespace ConvGen.Numerics.Tests;

// One layer per activation attribute (and both GELU forms, a LeakyReLU slope, Softmax dims, Dropout).
[ReLU] public partial class ActReLU;
[ReLU6] public partial class ActReLU6;
[LeakyReLU] public partial class ActLeakyDefault;                 // nn.LeakyReLU()
[LeakyReLU(0.2f)] public partial class ActLeaky02;                // nn.LeakyReLU(0.2)
[Sigmoid] public partial class ActSigmoid;
[Tanh] public partial class ActTanh;
[Hardsigmoid] public partial class ActHardsigmoid;
[Hardswish] public partial class ActHardswish;
[SiLU] public partial class ActSiLU;
[GELU] public partial class ActGelu;                              // nn.GELU()
[GELU(Approximate = "tanh")] public partial class ActGeluTanh;    // nn.GELU(approximate='tanh')
[Dropout] public partial class ActDropout;                        // nn.Dropout()
[Dropout(0.2f)] public partial class ActDropout02;
[Softmax(Dim = 1)] public partial class SoftmaxDim1;               // nn.Softmax(dim=1)
[Softmax(-1)] public partial class SoftmaxLast;                    // nn.Softmax(-1)
[Softmax(Dim = 0)] public partial class SoftmaxDim0;
[Softmax(Dim = -3)] public partial class SoftmaxMinus3;
[Softmax(Dim = 3)] public partial class SoftmaxDim3;
