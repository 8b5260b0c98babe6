// ConvGen.OnnxModels <output folder>: writes mobilenet_v2.onnx and mobilenet_v3_style.onnx (see Networks.cs).
using System;
using System.IO;
using ConvGen.Onnx.Tests;
using Google.Protobuf;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ConvGen.OnnxModels <output folder>");
    return 2;
}

Directory.CreateDirectory(args[0]);
Write("mobilenet_v2.onnx", Networks.MobileNetV2());
Write("mobilenet_v3_style.onnx", Networks.MobileNetV3Style());
return 0;

void Write(string name, ConvGen.Onnx.Schema.ModelProto model)
{
    string path = Path.Combine(args[0], name);
    File.WriteAllBytes(path, model.ToByteArray());
    Console.WriteLine($"{path}: {model.Graph.Node.Count} nodes, {new FileInfo(path).Length / 1024} KiB");
}
