using System.Buffers;
using System.Text;

namespace NetworkSaaS.Web.Features.Spreadsheets;

/// <summary>
/// Writes CSV as Excel reads it without asking: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, and cells that a
/// spreadsheet would evaluate neutralised (<see cref="SpreadsheetText.NeutralizeForCsv"/>). Row by row, so a file
/// of any length takes the same memory.
/// </summary>
public sealed class CsvOutput : IAsyncDisposable, IDisposable
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter _writer;

    public CsvOutput(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
    }

    public void WriteRow(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                _writer.Write(',');
            }

            WriteCell(SpreadsheetText.NeutralizeForCsv(cell ?? ""));
            first = false;
        }

        _writer.Write("\r\n");
    }

    private void WriteCell(string cell)
    {
        if (!cell.AsSpan().ContainsAny(NeedsQuoting))
        {
            _writer.Write(cell);
            return;
        }

        _writer.Write('"');
        _writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    public void Dispose() => _writer.Dispose();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
