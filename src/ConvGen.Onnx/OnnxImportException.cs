using System;

namespace ConvGen.Onnx
{
    /// <summary>
    /// A model the importer can't turn into a ConvGen network: an unsupported operator or attribute, a graph shape it
    /// can't express, an input size it can't fix. The message names the node, its operator and what is unsupported.
    /// </summary>
    public sealed class OnnxImportException : Exception
    {
        /// <summary>An import error with <paramref name="message"/>.</summary>
        public OnnxImportException(string message)
            : base(message)
        {
        }

        /// <summary>An import error about <paramref name="node"/> (its name, or its operator and position if it has none).</summary>
        public OnnxImportException(string node, string message)
            : base($"node {node}: {message}")
        {
            Node = node;
        }

        /// <summary>The node the error is about (as messages name it), or null for the model as a whole.</summary>
        public string? Node { get; }
    }
}
