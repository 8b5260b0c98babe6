[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ConvGen.Onnx.Tests")]
