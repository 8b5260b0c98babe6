using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using TorchSharp;

namespace ConvGen.Oracle
{
    /// <summary>
    /// Runs the transposed configurations in a child process of the oracle with oneDNN limited to SSE4.1.
    /// <para>
    /// Why: libtorch 2.10's oneDNN 3.7.1 computes some <c>ConvTransposeNd</c> wrongly on this CPU: its direct JIT
    /// deconvolution (<c>deconvolution,conv:any+jit:avx512_core</c>, also <c>jit:avx2</c>, in ONEDNN_VERBOSE; chosen for
    /// stride-1 and some other layers, while e.g. stride-2 layers take the correct <c>brg_deconv</c>) drops taps:
    /// <c>F.conv_transpose1d</c> of a (2, 1, 3) input with a (1, 1, 2) weight returns b + w₀·x only (each image alone is
    /// right), <c>nn.ConvTranspose2d(2, 3, 7, padding=3)</c> on one 9×11 image is off by up to 6, and DCGAN's first
    /// generator layer <c>nn.ConvTranspose2d(100, 512, 4, 1, 0)</c> on one 1×1 latent by 4.65 of 28.8 (float against
    /// double, random normal data). With <c>ONEDNN_MAX_CPU_ISA=SSE41</c> oneDNN takes its GEMM-based deconvolution
    /// (<c>conv:any+x64:gemm:jit</c>: a GEMM and col2im, like PyTorch's own slow_conv_transpose) for every layer, and the
    /// same modules agree with the zero-inserted convolution and with double precision (to 2e-5 on those examples). The
    /// variable has to be set before oneDNN creates its first kernel and then applies to the whole process, and the
    /// convolution files must keep the bytes they were written with (oneDNN's default ISA), so <c>generate</c> starts
    /// this worker for the transposed configurations only. It still runs <c>torch.nn.ConvTranspose1d/2d/3d</c> and the
    /// activation modules themselves, one thread.
    /// </para>
    /// <para>
    /// The parent also runs every transposed module with the default ISA and records where that output differs (the
    /// manifest marks those files), so the extent of the libtorch bug is visible at every regeneration.
    /// </para>
    /// </summary>
    public static class TransposedWorker
    {
        public const string Command = "transposed-worker";
        public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";
        public const string Isa = "SSE41";

        public static bool InWorkerProcess => Environment.GetEnvironmentVariable(IsaVariable) == Isa;

        /// <summary>Starts this program again with <see cref="IsaVariable"/> = <see cref="Isa"/> and the given arguments; returns its exit code.</summary>
        public static int Reexecute(IEnumerable<string> args)
        {
            var psi = new ProcessStartInfo { UseShellExecute = false };
            string exe = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
            psi.FileName = exe;
            if (Path.GetFileNameWithoutExtension(exe) == "dotnet") psi.ArgumentList.Add(typeof(TransposedWorker).Assembly.Location);
            foreach (string a in args) psi.ArgumentList.Add(a);
            psi.Environment[IsaVariable] = Isa;
            // libtorch warns on every convolution that NNPACK cannot start under the instruction-set limit: drop that line.
            psi.RedirectStandardError = true;
            using Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the oracle again");
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null && !e.Data.Contains("Could not initialize NNPACK", StringComparison.Ordinal)) Console.Error.WriteLine(e.Data);
            };
            p.BeginErrorReadLine();
            p.WaitForExit();
            return p.ExitCode;
        }

        /// <summary>The parent's side: every transposed configuration computed by the worker, by name.</summary>
        public static Dictionary<string, TorchResult> Run()
        {
            string file = Path.GetTempFileName();
            try
            {
                int exit = Reexecute(new[] { Command, file });
                if (exit != 0) throw new InvalidOperationException($"the transposed worker ({IsaVariable}={Isa}) exited with {exit}");
                return Read(file);
            }
            finally
            {
                File.Delete(file);
            }
        }

        /// <summary>The worker's side: computes every transposed configuration (with the checks of <see cref="TorchOracle.RunTransposed"/>) into <paramref name="args"/>[0].</summary>
        public static int Work(string[] args)
        {
            if (args.Length != 1) throw new ArgumentException($"usage: ConvGen.Oracle {Command} FILE");
            if (!InWorkerProcess) throw new ArgumentException($"{Command} runs with {IsaVariable}={Isa} only (generate starts it)");
            torch.set_num_threads(1);
            torch.set_num_interop_threads(1);
            List<GoldenConfig> configs = Configurations.All().Where(c => c.Transposed).ToList();
            using var bw = new BinaryWriter(File.Create(args[0]), Encoding.UTF8);
            bw.Write(configs.Count);
            foreach (GoldenConfig c in configs)
            {
                TorchResult r = TorchOracle.RunTransposed(c, GoldenData.Create(c));
                bw.Write(c.Name);
                bw.Write(r.CorrectedOutputPadding);
                bw.Write(r.OutputShape.Length);
                foreach (long v in r.OutputShape) bw.Write(v);
                WriteFloats(bw, r.Output);
                WriteFloats(bw, r.ConvOutput);
            }

            return 0;
        }

        private static Dictionary<string, TorchResult> Read(string file)
        {
            using var br = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
            var results = new Dictionary<string, TorchResult>(StringComparer.Ordinal);
            int count = br.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string name = br.ReadString();
                bool corrected = br.ReadBoolean();
                long[] shape = new long[br.ReadInt32()];
                for (int j = 0; j < shape.Length; j++) shape[j] = br.ReadInt64();
                float[] output = ReadFloats(br), conv = ReadFloats(br);
                results.Add(name, new TorchResult(output, shape, conv, Array.Empty<long>(), false, corrected));
            }

            return results;
        }

        private static void WriteFloats(BinaryWriter bw, float[] values)
        {
            bw.Write(values.Length);
            foreach (float v in values) bw.Write(v);
        }

        private static float[] ReadFloats(BinaryReader br)
        {
            var values = new float[br.ReadInt32()];
            for (int i = 0; i < values.Length; i++) values[i] = br.ReadSingle();
            return values;
        }
    }
}
