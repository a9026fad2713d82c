using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace NetworkSaaS.Web.Features.Spreadsheets;

public enum XlsxCellKind
{
    Text,
    WholeNumber,
    Date,
}

/// <summary>A column of a streamed sheet: its header, what its cells hold, and its width (see <see cref="ColumnWidths"/>).</summary>
public sealed record XlsxColumn(string Header, XlsxCellKind Kind, double Width);

/// <summary>
/// Writes a one-sheet xlsx row by row with bounded memory, for exports of any length. The sheet is written with the
/// Open XML SDK's <see cref="OpenXmlWriter"/> straight into a zip entry opened in create mode (the SDK's own package
/// keeps every part in memory until it is saved); text goes into inline strings, so there is no shared-string table
/// to hold. Typed cells: text is always text (formula-like text carries the quote-prefix style, as if typed with a
/// leading apostrophe), dates are dates, numbers numbers. The header row is frozen and has an autofilter.
/// </summary>
public sealed partial class XlsxStreamWriter : IDisposable
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Cell formats of the stylesheet below (cellXfs indexes).
    private const string HeaderStyle = "1";
    private const string DateStyle = "2";
    private const string QuotedTextStyle = "3";
    private const string IntegerStyle = "4";

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly OpenXmlWriter _sheet;
    private readonly string _sheetName;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly string[] _columnLetters;

    // Reused for every cell: the hot path allocates only the reference of a cell that follows an empty one.
    private readonly Row _row = new();
    private readonly Cell _cell = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly OpenXmlAttribute[] _rowAttributes = new OpenXmlAttribute[1];
    private readonly CellAttributes _textAttributes = new(new OpenXmlAttribute("t", "", "inlineStr"));
    private readonly CellAttributes _quotedAttributes = new(new OpenXmlAttribute("s", "", QuotedTextStyle), new OpenXmlAttribute("t", "", "inlineStr"));
    private readonly CellAttributes _headerAttributes = new(new OpenXmlAttribute("s", "", HeaderStyle), new OpenXmlAttribute("t", "", "inlineStr"));
    private readonly CellAttributes _dateAttributes = new(new OpenXmlAttribute("s", "", DateStyle));
    private readonly CellAttributes _integerAttributes = new(new OpenXmlAttribute("s", "", IntegerStyle));
    private readonly OpenXmlAttribute[] _preserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    private int _rowNumber;
    private string _rowText = "";
    private int _column = -1;
    private int _lastWritten = -1;
    private bool _completed;

    private XlsxStreamWriter(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        _sheetName = sheetName;
        _columns = columns;
        _columnLetters = [.. Enumerable.Range(0, columns.Count).Select(ColumnLetters)];
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry("[Content_Types].xml", ContentTypes);
        WriteEntry("_rels/.rels", PackageRelationships);
        WriteEntry("xl/_rels/workbook.xml.rels", WorkbookRelationships);
        WriteEntry("xl/styles.xml", Styles());
        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _sheet = OpenXmlWriter.Create(_sheetStream, Encoding.UTF8);
        _sheet.WriteStartDocument();
        _sheet.WriteStartElement(new Worksheet());
        _sheet.WriteElement(FrozenHeaderView());
        _sheet.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        _sheet.WriteStartElement(new SheetData());
        BeginRow();
        foreach (var column in columns)
        {
            WriteText(column.Header, _headerAttributes);
        }

        EndRow();
    }

    /// <summary>Starts the workbook on <paramref name="output"/> (left open) and writes the header row.</summary>
    public static XlsxStreamWriter Create(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(sheetName);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A sheet needs at least one column.", nameof(columns));
        }

        return new XlsxStreamWriter(output, sheetName, columns);
    }

    /// <summary>Data rows written so far (the header not counted).</summary>
    public int Rows => Math.Max(0, _rowNumber - 1);

    public void BeginRow()
    {
        _rowNumber++;
        _rowText = _rowNumber.ToString(CultureInfo.InvariantCulture);
        _rowAttributes[0] = new OpenXmlAttribute("r", "", _rowText);
        _sheet.WriteStartElement(_row, _rowAttributes);
        _column = _lastWritten = -1;
    }

    public void EndRow() => _sheet.WriteEndElement();

    /// <summary>The next cell: text (empty when null or blank).</summary>
    public void Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            _column++;
            return;
        }

        WriteText(text, SpreadsheetText.LooksLikeFormula(text) ? _quotedAttributes : _textAttributes);
    }

    /// <summary>The next cell: a whole number (empty when null).</summary>
    public void WholeNumber(long? value)
    {
        if (value is not { } number)
        {
            _column++;
            return;
        }

        WriteValue(number.ToString(CultureInfo.InvariantCulture), _integerAttributes);
    }

    /// <summary>The next cell: a date, stored as Excel's day number with a yyyy-mm-dd format (empty when null).</summary>
    public void Date(DateOnly? value)
    {
        if (value is not { } day)
        {
            _column++;
            return;
        }

        WriteValue((day.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture), _dateAttributes);
    }

    /// <summary>Ends the sheet (autofilter over every written row) and writes the workbook part.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _sheet.WriteEndElement(); // sheetData
        var range = $"A1:{_columnLetters[^1]}{Math.Max(1, _rowNumber)}";
        _sheet.WriteElement(new AutoFilter { Reference = range });
        _sheet.WriteEndElement(); // worksheet
        _sheet.Close();
        _sheetStream.Dispose();
        WriteEntry("xl/workbook.xml", Workbook(range));
        _zip.Dispose();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            // An abandoned file: release the streams; what was written is not a valid workbook and is thrown away.
            _completed = true;
            _sheet.Dispose();
            _sheetStream.Dispose();
            _zip.Dispose();
        }
    }

    private void WriteText(string text, CellAttributes attributes)
    {
        var safe = EscapeExcelCodes(SpreadsheetText.ForXml(text));
        _sheet.WriteStartElement(_cell, NextCell(attributes));
        _sheet.WriteStartElement(_inline);
        if (safe.Length > 0 && (char.IsWhiteSpace(safe[0]) || char.IsWhiteSpace(safe[^1])))
        {
            _sheet.WriteStartElement(_text, _preserveSpace);
        }
        else
        {
            _sheet.WriteStartElement(_text);
        }

        _sheet.WriteString(safe);
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
    }

    private void WriteValue(string value, CellAttributes attributes)
    {
        _sheet.WriteStartElement(_cell, NextCell(attributes));
        _sheet.WriteStartElement(_value);
        _sheet.WriteString(value);
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
    }

    /// <summary>
    /// The attributes of the next cell. Its reference (r) is optional in the file format: a cell without one is the
    /// column after the previous cell, so only a cell that follows an empty one carries it (Excel, LibreOffice and
    /// ClosedXML all read it so), which spares a string per cell.
    /// </summary>
    private OpenXmlAttribute[] NextCell(CellAttributes attributes)
    {
        _column++;
        if (_column >= _columns.Count)
        {
            throw new InvalidOperationException($"Row {_rowNumber} has more cells than the {_columns.Count} columns of the sheet.");
        }

        var follows = _column == _lastWritten + 1;
        _lastWritten = _column;
        return follows ? attributes.Plain : attributes.Referenced(string.Concat(_columnLetters[_column], _rowText));
    }

    /// <summary>A cell's fixed attributes, without and with its reference.</summary>
    private sealed class CellAttributes(params OpenXmlAttribute[] fixedAttributes)
    {
        private readonly OpenXmlAttribute[] _referenced = [default, .. fixedAttributes];

        public OpenXmlAttribute[] Plain { get; } = fixedAttributes;

        public OpenXmlAttribute[] Referenced(string reference)
        {
            _referenced[0] = new OpenXmlAttribute("r", "", reference);
            return _referenced;
        }
    }

    /// <summary>Excel reads _xHHHH_ in text as an escaped character; a literal one is kept by escaping its underscore.</summary>
    private static string EscapeExcelCodes(string text) =>
        text.Contains("_x", StringComparison.OrdinalIgnoreCase) ? ExcelCode().Replace(text, "_x005F$0") : text;

    [GeneratedRegex("_(x[0-9A-Fa-f]{4}_)")]
    private static partial Regex ExcelCode();

    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private void WriteEntry(string name, string xml)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(xml);
    }

    private void WriteEntry(string name, OpenXmlElement root)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream, Encoding.UTF8);
        writer.WriteStartDocument();
        writer.WriteElement(root);
        writer.Close();
    }

    private static SheetViews FrozenHeaderView() => new(new SheetView(
        new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
    {
        TabSelected = true,
        WorkbookViewId = 0,
    });

    private Workbook Workbook(string filterRange)
    {
        var quotedName = "'" + _sheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
        var absolute = string.Join(':', filterRange.Split(':').Select(r => "$" + ColumnPart(r) + "$" + r[ColumnPart(r).Length..]));
        var workbook = new Workbook(
            new BookViews(new WorkbookView()),
            new Sheets(new Sheet { Name = _sheetName, SheetId = 1, Id = "rId1" }),
            new DefinedNames(new DefinedName($"{quotedName}!{absolute}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
        workbook.AddNamespaceDeclaration("r", RelationshipsNamespace);
        return workbook;
    }

    private static string ColumnPart(string reference) => new([.. reference.TakeWhile(char.IsAsciiLetter)]);

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                new BottomBorder(new Color { Rgb = "FF8EA9DB" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder())) { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true })
            {
                NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
            },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, QuotePrefix = true },
            new CellFormat { NumberFormatId = 1, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
        """;

    private const string PackageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    private const string WorkbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """;
}
