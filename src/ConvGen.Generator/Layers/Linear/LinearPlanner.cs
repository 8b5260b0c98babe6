using System;
using System.Linq;
using ConvGen.Generator.Common;
using ConvGen.Generator.Kernels;

namespace ConvGen.Generator.Layers.LinearLayers
{
    /// <summary>
    /// One instruction set's GEMM tile: <see cref="TileRows"/> rows × <see cref="Vectors"/> vectors of <see cref="Lanes"/>
    /// output features, TileRows·Vectors accumulators; the input feature loop is unrolled <see cref="Unroll"/> times.
    /// </summary>
    /// <param name="Tiles">Tiles of <see cref="TileFeatures"/> output features (the last may be partial).</param>
    /// <param name="LastFeatures">Output features of the last tile (= TileFeatures when out is a multiple of it).</param>
    internal sealed record LinearIsaKernel(Isa Isa, int Lanes, int Vectors, int TileRows, int Unroll, int Tiles, int LastFeatures)
    {
        public int TileFeatures => Lanes * Vectors;

        public bool HasPartialTile => LastFeatures < TileFeatures;

        /// <summary>Some tile is full (else the layer has one, partial tile, and no Full methods).</summary>
        public bool HasFullTile => Tiles > 1 || !HasPartialTile;

        /// <summary>Vectors the last tile computes: whole ones, then one whose first <see cref="LastTailLanes"/> lanes are stored.</summary>
        public int LastVectors => (LastFeatures + Lanes - 1) / Lanes;

        public int LastTailLanes => LastFeatures % Lanes;

        /// <summary>The kernel's name suffix, XNNPACK style: rows × features and the instruction set, e.g. <c>8x32_Vector512</c>.</summary>
        public string Suffix => $"{TileRows}x{TileFeatures}_{Isa}";
    }

    /// <summary>Everything emission needs for a Linear layer.</summary>
    /// <param name="Name">The kernels' name in generated code, e.g. <c>Classifier_Linear512x1000</c>; each instruction set adds its tile.</param>
    internal sealed record LinearPlan(LinearSpec Spec, string Name, Epilogue Epilogue, EquatableArray<LinearIsaKernel> Kernels);

    /// <summary>
    /// Picks each instruction set's register tile (after XNNPACK's f32-gemm: a few rows × one or two vectors of output
    /// features, the weights of a tile loaded once per input feature and shared by the rows, each row's input broadcast)
    /// and how far the input-feature loop unrolls.
    /// </summary>
    internal static class LinearPlanner
    {
        /// <summary>Up to this many input features the loop is unrolled completely.</summary>
        private const int FullUnroll = 16;

        /// <summary>Input features per loop iteration otherwise; the rest (in mod 4) are unrolled after the loop.</summary>
        private const int PartialUnroll = 4;

        public static LinearPlan Plan(LinearSpec spec)
        {
            var kernels = new[]
            {
                // 32 registers: 12 rows × 2 vectors = 24 accumulators, 2 weight vectors, a broadcast; 14 loads per 24 FMAs
                // (8 rows: 10 per 16). Measured faster than 8 rows at batch 32 (see the report of issue 12's Linear work).
                Kernel(spec, Isa.Vector512, lanes: 16, maxVectors: 2, rows: 12),
                // 16 registers: 5 × 2 = 10 accumulators, 2 weight vectors, a broadcast (XNNPACK f32-gemm 5x16 fma3).
                Kernel(spec, Isa.Vector256, lanes: 8, maxVectors: 2, rows: 5),
                // 16 registers (SSE, Arm NEON has 32): 4 × 2 = 8 accumulators (XNNPACK 4x8 sse).
                Kernel(spec, Isa.Vector128, lanes: 4, maxVectors: 2, rows: 4),
                // Scalar floats in the same 16 registers: 2 rows × 4 features.
                Kernel(spec, Isa.Scalar, lanes: 1, maxVectors: 4, rows: 2),
            };
            string name = $"{spec.Target.PlainName}_Linear{spec.InFeatures}x{spec.OutFeatures}";
            return new LinearPlan(spec, name, new Epilogue(spec.Activation, spec.NegativeSlope), new EquatableArray<LinearIsaKernel>(kernels));
        }

        /// <summary>Fewer vectors when the layer has fewer output features than a tile: no accumulators computing zeros.</summary>
        private static LinearIsaKernel Kernel(LinearSpec spec, Isa isa, int lanes, int maxVectors, int rows)
        {
            int vectors = Math.Max(1, Math.Min(maxVectors, (spec.OutFeatures + lanes - 1) / lanes));
            int tile = lanes * vectors;
            int tiles = (spec.OutFeatures + tile - 1) / tile;
            int last = spec.OutFeatures - (tiles - 1) * tile;
            int unroll = spec.InFeatures <= FullUnroll ? spec.InFeatures : PartialUnroll;
            return new LinearIsaKernel(isa, lanes, vectors, rows, unroll, tiles, last);
        }
    }
}
