using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Common
{
    /// <summary>Where each attribute argument was written, so a diagnostic underlines the offending argument.</summary>
    internal sealed class ArgumentSites
    {
        private readonly Dictionary<string, LocationInfo> _sites = new(StringComparer.Ordinal);

        private ArgumentSites(LocationInfo? attribute) => Attribute = attribute;

        /// <summary>The whole attribute: the fallback location.</summary>
        public LocationInfo? Attribute { get; }

        /// <summary>
        /// The location of the argument named <paramref name="name"/> (constructor parameter or property name), or of the
        /// attribute when the argument was not written.
        /// </summary>
        public LocationInfo? this[string name] => _sites.TryGetValue(name, out var site) ? site : Attribute;

        /// <param name="attribute">The attribute as written.</param>
        /// <param name="constructorParameters">The names of the attribute constructor's parameters, in order.</param>
        public static ArgumentSites From(AttributeData attribute, params string[] constructorParameters)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
            var sites = new ArgumentSites(LocationInfo.From(syntax));
            if (syntax?.ArgumentList is null) return sites;

            int position = 0;
            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                string? name = argument.NameEquals?.Name.Identifier.ValueText
                    ?? argument.NameColon?.Name.Identifier.ValueText
                    ?? (position < constructorParameters.Length ? constructorParameters[position] : null);
                if (argument.NameEquals is null && argument.NameColon is null) position++;
                if (name is not null && LocationInfo.From(argument) is { } location) sites._sites[name] = location;
            }

            return sites;
        }
    }
}
