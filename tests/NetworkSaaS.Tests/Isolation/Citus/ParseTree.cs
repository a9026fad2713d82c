using System.Text;

namespace NetworkSaaS.Tests.Isolation.Citus;

/// <summary>
/// A node of PostgreSQL's own parse tree, read from the text form the server prints with <c>debug_print_parse</c>
/// (<c>{QUERY :commandType 1 :rtable (…) …}</c>). Values are nodes, lists, atoms (strings) or null (<c>&lt;&gt;</c>).
/// </summary>
public sealed class ParseNode(string type, IReadOnlyDictionary<string, object?> fields)
{
    public string Type { get; } = type;

    public IReadOnlyDictionary<string, object?> Fields { get; } = fields;

    public ParseNode? Node(string field) => Fields.GetValueOrDefault(field) as ParseNode;

    public IReadOnlyList<object?> List(string field) => Fields.GetValueOrDefault(field) as IReadOnlyList<object?> ?? [];

    public string? Atom(string field) => Fields.GetValueOrDefault(field) as string;

    public int Number(string field) => int.Parse(Atom(field) ?? throw new InvalidOperationException($"{Type} has no :{field}"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads one tree (<c>{…}</c>) from the printed form; line breaks the server inserts are whitespace.</summary>
    public static ParseNode Read(string text)
    {
        var reader = new TreeReader(text);
        return reader.ReadValue() as ParseNode ?? throw new FormatException("The text does not start with a node.");
    }

    private sealed class TreeReader(string text)
    {
        private int _position;

        public object? ReadValue()
        {
            var token = Next() ?? throw new FormatException("Unexpected end of the tree.");
            return token switch
            {
                "{" => ReadNode(),
                "(" => ReadList(")"),
                "[" => ReadList("]"),
                "<>" => null,
                _ => token,
            };
        }

        private ParseNode ReadNode()
        {
            var type = Next() ?? throw new FormatException("A node without a type.");
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                var token = Peek() ?? throw new FormatException($"{type} is not closed.");
                if (token == "}")
                {
                    Next();
                    return new ParseNode(type, fields);
                }

                if (!token.StartsWith(':'))
                {
                    throw new FormatException($"{type}: expected a field, found '{token}'.");
                }

                Next();
                var values = new List<object?>();
                while (Peek() is { } following && following != "}" && !following.StartsWith(':'))
                {
                    values.Add(ReadValue());
                }

                fields[token[1..]] = values.Count == 1 ? values[0] : values;
            }
        }

        private List<object?> ReadList(string close)
        {
            var items = new List<object?>();
            while (Peek() != close)
            {
                items.Add(ReadValue());
            }

            Next();
            return items;
        }

        private string? Peek()
        {
            var saved = _position;
            var token = Next();
            _position = saved;
            return token;
        }

        private string? Next()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            if (_position >= text.Length)
            {
                return null;
            }

            var c = text[_position];
            if (c is '{' or '}' or '(' or ')' or '[' or ']')
            {
                _position++;
                return c.ToString();
            }

            var token = new StringBuilder();
            if (c == '"')
            {
                _position++;
                while (_position < text.Length && text[_position] != '"')
                {
                    if (text[_position] == '\\' && _position + 1 < text.Length)
                    {
                        _position++;
                    }

                    token.Append(text[_position++]);
                }

                _position++;
                return token.ToString();
            }

            while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && text[_position] is not ('{' or '}' or '(' or ')' or '[' or ']'))
            {
                if (text[_position] == '\\' && _position + 1 < text.Length)
                {
                    _position++;
                }

                token.Append(text[_position++]);
            }

            return token.ToString();
        }
    }
}
