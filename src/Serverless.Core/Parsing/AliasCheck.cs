using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Serverless.Core.Parsing;

/// <summary>
/// Passes the YAML parser's events on and stops at the first alias (<c>*name</c>). Front matter never needs one, and
/// aliases of aliases are how a few hundred bytes stand for billions of values ("billion laughs"): refusing them keeps
/// reading a front matter linear in its length, whatever later code walks the values.
/// </summary>
internal sealed class AliasCheck(IParser parser) : IParser
{
    public ParsingEvent? Current => parser.Current;

    public bool MoveNext()
    {
        if (!parser.MoveNext())
        {
            return false;
        }
        return parser.Current is AnchorAlias alias ? throw new AliasException(alias) : true;
    }
}

/// <summary>A YAML exception, so that the deserializer lets it through rather than wrapping it.</summary>
internal sealed class AliasException(AnchorAlias alias)
    : YamlException(alias.Start, alias.End, $"Alias '*{alias.Value.Value}' is not allowed.")
{
    public string Alias { get; } = alias.Value.Value;
}
