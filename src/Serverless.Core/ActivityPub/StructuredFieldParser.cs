using System.Globalization;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// Parses RFC 8941 dictionaries (section 4.2.2), as far as HTTP Message Signatures and Content-Digest use them: inner
/// lists, strings, tokens, integers, booleans and byte sequences, with parameters. Decimals are not used there and
/// are refused. Any syntax error makes the whole field invalid (null), as RFC 8941 requires.
/// </summary>
public sealed class StructuredFieldParser
{
    private readonly string _text;
    private int _position;

    private StructuredFieldParser(string text) => _text = text;

    public static IReadOnlyList<StructuredMember>? ParseDictionary(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var parser = new StructuredFieldParser(text);
        try
        {
            return parser.Dictionary();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private List<StructuredMember> Dictionary()
    {
        var members = new List<StructuredMember>();
        SkipSpaces();
        while (_position < _text.Length)
        {
            var key = Key();
            StructuredMember member;
            if (Peek() == '=')
            {
                _position++;
                var start = _position;
                if (Peek() == '(')
                {
                    var list = InnerList();
                    member = new StructuredMember(key, new StructuredItem(true, Parameters()), list, _text[start.._position]);
                }
                else
                {
                    var value = BareItem();
                    member = new StructuredMember(key, new StructuredItem(value, Parameters()), null, _text[start.._position]);
                }
            }
            else
            {
                member = new StructuredMember(key, new StructuredItem(true, Parameters()), null, "");
            }
            // A key given twice: the last one wins (RFC 8941, 4.2.2).
            members.RemoveAll(existing => existing.Key == key);
            members.Add(member);
            SkipOptionalWhitespace();
            if (_position == _text.Length)
            {
                break;
            }
            Expect(',');
            SkipOptionalWhitespace();
            if (_position == _text.Length)
            {
                throw new FormatException("trailing comma");
            }
        }
        return members;
    }

    private List<StructuredItem> InnerList()
    {
        Expect('(');
        var items = new List<StructuredItem>();
        while (true)
        {
            SkipSpaces();
            if (Peek() == ')')
            {
                _position++;
                return items;
            }
            var value = BareItem();
            items.Add(new StructuredItem(value, Parameters()));
            if (Peek() is not (' ' or ')'))
            {
                throw new FormatException("an inner list's items are separated by spaces");
            }
        }
    }

    private Dictionary<string, object> Parameters()
    {
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        while (Peek() == ';')
        {
            _position++;
            SkipSpaces();
            var key = Key();
            object value = true;
            if (Peek() == '=')
            {
                _position++;
                value = BareItem();
            }
            parameters[key] = value;
        }
        return parameters;
    }

    private object BareItem()
    {
        var next = Peek();
        if (next == '"')
        {
            return String();
        }
        if (next == ':')
        {
            return ByteSequence();
        }
        if (next == '?')
        {
            _position++;
            var flag = Peek();
            _position++;
            return flag switch { '1' => true, '0' => false, _ => throw new FormatException("a boolean is ?0 or ?1") };
        }
        if (next == '-' || char.IsAsciiDigit(next))
        {
            return Integer();
        }
        if (char.IsAsciiLetter(next) || next == '*')
        {
            return Token();
        }
        throw new FormatException("not an item");
    }

    private string String()
    {
        Expect('"');
        var value = new System.Text.StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '\\')
            {
                var escaped = Peek();
                if (escaped is not ('"' or '\\'))
                {
                    throw new FormatException("only \\\" and \\\\ are escapes");
                }
                value.Append(escaped);
                _position++;
            }
            else if (c == '"')
            {
                return value.ToString();
            }
            else if (c < ' ' || c > '~')
            {
                throw new FormatException("a string holds visible ASCII only");
            }
            else
            {
                value.Append(c);
            }
        }
        throw new FormatException("unterminated string");
    }

    private byte[] ByteSequence()
    {
        Expect(':');
        var end = _text.IndexOf(':', _position);
        if (end < 0)
        {
            throw new FormatException("unterminated byte sequence");
        }
        var encoded = _text[_position..end];
        _position = end + 1;
        return Convert.FromBase64String(encoded);
    }

    private long Integer()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }
        while (char.IsAsciiDigit(Peek()))
        {
            _position++;
        }
        if (Peek() == '.')
        {
            throw new FormatException("decimals are not used here");
        }
        var digits = _text[start.._position];
        return digits.TrimStart('-').Length is > 0 and <= 15 ? long.Parse(digits, CultureInfo.InvariantCulture) : throw new FormatException("an integer has 1 to 15 digits");
    }

    private string Token()
    {
        var start = _position++;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || ":/!#$%&'*+-.^_`|~".Contains(_text[_position])))
        {
            _position++;
        }
        return _text[start.._position];
    }

    private string Key()
    {
        var start = _position;
        if (!(char.IsAsciiLetterLower(Peek()) || Peek() == '*'))
        {
            throw new FormatException("a key starts with a lower-case letter or *");
        }
        while (_position < _text.Length && (char.IsAsciiLetterLower(_text[_position]) || char.IsAsciiDigit(_text[_position]) || "_-.*".Contains(_text[_position])))
        {
            _position++;
        }
        return _text[start.._position];
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException($"expected {c}");
        }
        _position++;
    }

    private void SkipSpaces()
    {
        while (Peek() == ' ')
        {
            _position++;
        }
    }

    private void SkipOptionalWhitespace()
    {
        while (Peek() is ' ' or '\t')
        {
            _position++;
        }
    }
}
