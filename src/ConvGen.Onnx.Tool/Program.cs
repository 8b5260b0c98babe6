using System;
using System.Collections.Generic;
using System.IO;
using ConvGen.Onnx;

// dotnet convgen import <model.onnx> [--class-name Name] [--namespace Ns] [--input-shape C,H,W] [--algorithm Direct|Winograd] [--output File.cs] [--build]
// Errors are printed as MSBuild reads them ("model.onnx : error CONV801 : …"), so the ConvGenModel build item shows them
// as build errors on the model.
return Cli.Run(args);

internal static class Cli
{
    private const string Usage =
        "usage: dotnet convgen import <model.onnx> [--class-name Name] [--namespace Ns] [--input-shape C,H,W] [--algorithm Direct|Winograd] [--output File.cs]\n" +
        "  writes the model as a ConvGen network (C# source); the class name defaults to the file's name, the output to <Name>.cs;\n" +
        "  --algorithm Winograd runs every 3x3 stride-1 convolution with >= 64 channels in and out as Winograd F(4x4, 3x3) (faster, rounded differently)";

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0] != "import")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        string model = args[1];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        bool build = false;
        for (int i = 2; i < args.Length; i++)
        {
            if (args[i] == "--build")
            {
                build = true;
            }
            else if (args[i] is "--class-name" or "--namespace" or "--input-shape" or "--algorithm" or "--output" && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
                return 2;
            }
        }

        string className = options.TryGetValue("--class-name", out var c) && c.Length > 0 ? c : Identifier(Path.GetFileNameWithoutExtension(model));
        string output = options.TryGetValue("--output", out var o) && o.Length > 0 ? o : className + ".cs";
        try
        {
            var shape = options.TryGetValue("--input-shape", out var s) && s.Length > 0 ? OnnxImporter.ParseShape(s) : null;
            var algorithm = OnnxImporter.ParseAlgorithm(options.GetValueOrDefault("--algorithm") ?? "");
            string source = OnnxImporter.Import(model, className, options.GetValueOrDefault("--namespace"), shape, algorithm);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.WriteAllText(output, source);
            if (!build) Console.WriteLine($"{model} → {output} (class {className})");
            return 0;
        }
        catch (OnnxImportException e)
        {
            return Fail(model, OnnxDiagnostics.Unsupported, e.Message);
        }
        catch (InvalidDataException e)
        {
            return Fail(model, OnnxDiagnostics.Unreadable, e.Message);
        }
        catch (IOException e)
        {
            return Fail(model, OnnxDiagnostics.Unreadable, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(model, OnnxDiagnostics.Unreadable, e.Message);
        }
        catch (ArgumentException e)
        {
            return Fail(model, OnnxDiagnostics.BadMetadata, e.Message);
        }
    }

    private static int Fail(string model, string code, string message)
    {
        Console.Error.WriteLine($"{model} : error {code} : {message.Replace('\n', ' ')}");
        return 1;
    }

    private static string Identifier(string name)
    {
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
            if (!char.IsLetterOrDigit(chars[i])) chars[i] = '_';
        string id = new(chars);
        return id.Length == 0 || char.IsDigit(id[0]) ? "_" + id : id;
    }
}
