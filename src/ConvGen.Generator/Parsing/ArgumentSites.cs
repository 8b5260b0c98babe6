using System;
using System.Collections.Generic;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parsing
{
    /// <summary>Where each attribute argument was written, so a diagnostic underlines the offending argument.</summary>
    internal sealed class ArgumentSites
    {
        private static readonly string[] s_constructorParameters = { "inChannels", "outChannels", "kernelSize" };
        private readonly Dictionary<string, LocationInfo> _sites = new(StringComparer.Ordinal);

        private ArgumentSites(LocationInfo? attribute) => Attribute = attribute;

        /// <summary>The whole attribute: the fallback location.</summary>
        public LocationInfo? Attribute { get; }

        /// <summary>
        /// The location of the argument named <paramref name="name"/> (constructor parameter or property name), or of the
        /// attribute when the argument was not written.
        /// </summary>
        public LocationInfo? this[string name] => _sites.TryGetValue(name, out var site) ? site : Attribute;

        public static ArgumentSites From(AttributeData attribute)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
            var sites = new ArgumentSites(LocationInfo.From(syntax));
            if (syntax?.ArgumentList is null) return sites;

            int position = 0;
            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                string? name = argument.NameEquals?.Name.Identifier.ValueText
                    ?? argument.NameColon?.Name.Identifier.ValueText
                    ?? (position < s_constructorParameters.Length ? s_constructorParameters[position] : null);
                if (argument.NameEquals is null && argument.NameColon is null) position++;
                if (name is not null && LocationInfo.From(argument) is { } location) sites._sites[name] = location;
            }

            return sites;
        }
    }
}
