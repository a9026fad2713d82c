using System.Collections.Frozen;
using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Makes a strict code page 932 decoder read Windows-31J as Windows does. .NET maps 398 codes only through its
/// best-fit fallback: those Windows decodes to a character another code already has (the NEC-selected IBM extension
/// rows ED40–EEFC, e.g. EEE0 髙 beside IBM FBFC 髙; IBM FA4A Ⅰ, FA54 ￢, FA58 ㈱ beside NEC 8754, 81CA, 878A; NEC 8790 ≒
/// beside 81E0). A strict decoder refuses them, so this fallback accepts exactly those codes and still throws for every
/// byte sequence Windows cannot decode either.
/// </summary>
internal sealed class Windows31JDecoderFallback : DecoderFallback
{
    /// <summary>(lead byte &lt;&lt; 8 | trail byte) → the character Windows decodes it to.</summary>
    private readonly FrozenDictionary<int, char> _duplicates;

    public Windows31JDecoderFallback()
    {
        // Codes the one-to-one table lacks are marked U+FFFF; the best-fit decoder then names the character, or
        // answers with its replacement (what it gives for 0x8540, a code that has no character) when there is none.
        var marked = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFF"));
        var bestFit = Encoding.GetEncoding(932);
        var replacement = bestFit.GetString([0x85, 0x40]);
        var duplicates = new Dictionary<int, char>();
        foreach (var lead in Enumerable.Range(0x81, 0x9F - 0x81 + 1).Concat(Enumerable.Range(0xE0, 0xFC - 0xE0 + 1)))
        {
            for (var trail = 0x40; trail <= 0xFC; trail++)
            {
                byte[] code = [(byte)lead, (byte)trail];
                if (trail == 0x7F || marked.GetString(code) != "\uFFFF")
                {
                    continue;
                }

                var decoded = bestFit.GetString(code);
                if (decoded.Length == 1 && decoded != replacement)
                {
                    duplicates[(lead << 8) | trail] = decoded[0];
                }
            }
        }

        _duplicates = duplicates.ToFrozenDictionary();
    }

    /// <summary>How many codes are decoded through this fallback (398 in Windows' table).</summary>
    public int Count => _duplicates.Count;

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(_duplicates);

    private sealed class Buffer(FrozenDictionary<int, char> duplicates) : DecoderFallbackBuffer
    {
        private char _char;
        private int _count = -1;
        private int _index = -1;

        public override int Remaining => Math.Max(_count, 0);

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            ArgumentNullException.ThrowIfNull(bytesUnknown);
            if (bytesUnknown.Length == 2 && duplicates.TryGetValue((bytesUnknown[0] << 8) | bytesUnknown[1], out var found))
            {
                _char = found;
                _count = 1;
                _index = -1;
                return true;
            }

            throw new DecoderFallbackException("Not Windows-31J: " + Convert.ToHexString(bytesUnknown), bytesUnknown, index);
        }

        public override char GetNextChar()
        {
            _count--;
            _index++;
            return _count < 0 ? '\0' : _char;
        }

        public override bool MovePrevious()
        {
            if (_count >= -1 && _index >= 0)
            {
                _index--;
                _count++;
                return true;
            }

            return false;
        }

        public override void Reset()
        {
            _count = -1;
            _index = -1;
        }
    }
}
