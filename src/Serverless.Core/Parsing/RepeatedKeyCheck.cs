using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Serverless.Core.Parsing;

/// <summary>
/// Passes the YAML parser's events on to the deserializer and stops at the first mapping key given twice, with where
/// each was written. YamlDotNet's own duplicate check reports no position (always line 1, column 1), which leaves the
/// author searching a long front matter.
/// </summary>
/// <remarks>
/// Keys of the top-level mapping are compared ignoring case, as front matter fields are matched ignoring case; keys of
/// nested mappings are compared exactly, as YAML does. Only text keys are tracked: a key that is a list, a mapping or
/// an alias has no spelling to compare.
/// </remarks>
internal sealed class RepeatedKeyCheck(IParser parser) : IParser
{
    /// <summary>The open collections, innermost on top: a mapping's keys so far, or null for a sequence.</summary>
    private readonly Stack<MappingKeys?> open = new();

    public ParsingEvent? Current => parser.Current;

    public bool MoveNext()
    {
        if (!parser.MoveNext())
        {
            return false;
        }
        switch (parser.Current)
        {
            case MappingEnd or SequenceEnd:
                open.Pop();
                break;
            case NodeEvent node:
                if (open.TryPeek(out var mapping) && mapping is not null)
                {
                    mapping.Check(node);
                }
                if (node is MappingStart)
                {
                    open.Push(new MappingKeys(open.Count == 0 ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal));
                }
                else if (node is SequenceStart)
                {
                    open.Push(null);
                }
                break;
        }
        return true;
    }

    private sealed class MappingKeys(StringComparer comparer)
    {
        private readonly Dictionary<string, Scalar> keys = new(comparer);

        /// <summary>A mapping's nodes alternate: key, value, key, value...</summary>
        private bool nextNodeIsKey = true;

        public void Check(NodeEvent node)
        {
            if (nextNodeIsKey && node is Scalar key && !keys.TryAdd(key.Value, key))
            {
                throw new RepeatedKeyException(keys[key.Value], key);
            }
            nextNodeIsKey = !nextNodeIsKey;
        }
    }
}

/// <summary>A YAML exception, so that the deserializer lets it through rather than wrapping it.</summary>
internal sealed class RepeatedKeyException(Scalar first, Scalar repeated)
    : YamlException(repeated.Start, repeated.End, $"Key '{repeated.Value}' is given twice.")
{
    public Scalar First { get; } = first;
    public Scalar Repeated { get; } = repeated;
}
