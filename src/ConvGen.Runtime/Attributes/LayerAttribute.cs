using System;

namespace ConvGen
{
    /// <summary>
    /// What every layer attribute shares. On a class of its own a layer attribute generates that layer; stacked in order
    /// on a <see cref="SequentialAttribute"/> class, the attributes are the network's layers, as <c>nn.Sequential</c>
    /// lists its modules (a class may carry the same attribute more than once only there).
    /// </summary>
    public abstract class LayerAttribute : Attribute
    {
        /// <summary>Only for derived attributes.</summary>
        private protected LayerAttribute()
        {
        }

        /// <summary>
        /// In a network: the layer's name in the <c>state_dict</c>, the prefix of its tensors (<c>"features.0"</c> reads
        /// <c>"features.0.weight"</c>); by default its <c>nn.Sequential</c> index. Not used on a layer of its own.
        /// </summary>
        public string? Name { get; set; }
    }
}
