using System.Text;
using ClosedXML.Excel;
using NetworkSaaS.Web.Features.Spreadsheets;

namespace NetworkSaaS.Tests.Exports;

public sealed class SpreadsheetWriterTests
{
    private static byte[] Write(Action<XlsxStreamWriter> rows, params XlsxColumn[] columns)
    {
        using var output = new MemoryStream();
        using (var sheet = XlsxStreamWriter.Create(output, "Data", columns))
        {
            rows(sheet);
            sheet.Complete();
        }

        return output.ToArray();
    }

    private static readonly XlsxColumn[] ThreeColumns =
    [
        new("Name", XlsxCellKind.Text, 20), new("Met on", XlsxCellKind.Date, 12), new("Depth", XlsxCellKind.WholeNumber, 8),
    ];

    [Fact]
    public void The_streamed_sheet_is_valid_open_xml_with_typed_cells_inline_strings_a_frozen_header_and_a_filter()
    {
        var xlsx = Write(sheet =>
        {
            sheet.BeginRow();
            sheet.Text("山田 太郎");
            sheet.Date(new DateOnly(2024, 6, 12));
            sheet.WholeNumber(4);
            sheet.EndRow();
            sheet.BeginRow();
            sheet.Text("0123");
            sheet.Date(null);
            sheet.WholeNumber(null);
            sheet.EndRow();
        }, ThreeColumns);

        Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
        Assert.False(Spreadsheets.UsesSharedStrings(xlsx));
        using var workbook = Spreadsheets.Open(xlsx);
        var sheet = workbook.Worksheet("Data");
        Assert.Equal(["Name", "Met on", "Depth"], sheet.Row(1).Cells(1, 3).Select(c => c.GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal((XLDataType.Text, "山田 太郎"), (sheet.Cell(2, 1).DataType, sheet.Cell(2, 1).GetString()));
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 2).DataType);
        Assert.Equal(new DateTime(2024, 6, 12), sheet.Cell(2, 2).GetDateTime());
        Assert.Equal("yyyy-mm-dd", sheet.Cell(2, 2).Style.DateFormat.Format);
        Assert.Equal((XLDataType.Number, 4.0), (sheet.Cell(2, 3).DataType, sheet.Cell(2, 3).GetDouble()));
        Assert.Equal((XLDataType.Text, "0123"), (sheet.Cell(3, 1).DataType, sheet.Cell(3, 1).GetString())); // never read as a number
        Assert.True(sheet.Cell(3, 2).IsEmpty());
        Assert.InRange(sheet.Column(1).Width, 19, 20); // ClosedXML takes off the cell padding when it reads the width
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal("A1:C3", sheet.AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public void Formula_like_text_stays_text_with_the_quote_prefix_and_no_cell_has_a_formula()
    {
        var xlsx = Write(sheet =>
        {
            foreach (var attempt in Spreadsheets.InjectionAttempts.Append("\t=1+1").Append("plain"))
            {
                sheet.BeginRow();
                sheet.Text(attempt);
                sheet.EndRow();
            }
        }, new XlsxColumn("Title", XlsxCellKind.Text, 30));

        Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
        Assert.Equal(0, Spreadsheets.FormulaCount(xlsx));
        using var workbook = Spreadsheets.Open(xlsx);
        var cells = workbook.Worksheet(1).Column(1).CellsUsed().Skip(1).ToList();
        Assert.Equal([.. Spreadsheets.InjectionAttempts, "\t=1+1", "plain"], cells.Select(c => c.GetString()));
        Assert.All(cells, c => Assert.Equal(XLDataType.Text, c.DataType));
        Assert.All(cells, c => Assert.False(c.HasFormula));
        Assert.All(cells.SkipLast(1), c => Assert.True(c.Style.IncludeQuotePrefix, c.GetString()));
        Assert.False(cells[^1].Style.IncludeQuotePrefix);
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_and_excel_escape_codes_are_escaped()
    {
        var xlsx = Write(sheet =>
        {
            sheet.BeginRow();
            sheet.Text("a\u0001b\uFFFEc\uD800d 😀");
            sheet.EndRow();
            sheet.BeginRow();
            sheet.Text("_x0041_ stays");
            sheet.EndRow();
            sheet.BeginRow();
            sheet.Text("  padded  ");
            sheet.EndRow();
        }, new XlsxColumn("Text", XlsxCellKind.Text, 30));

        Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
        using var workbook = Spreadsheets.Open(xlsx);
        var sheet = workbook.Worksheet(1);
        Assert.Equal("abcd 😀", sheet.Cell(2, 1).GetString());
        // Excel (and LibreOffice) read _xHHHH_ as an escaped character: the literal text is written with its underscore escaped.
        Assert.Equal("_x005F_x0041_ stays", sheet.Cell(3, 1).GetString());
        Assert.Equal("  padded  ", sheet.Cell(4, 1).GetString());
    }

    [Fact]
    public void A_cell_after_empty_ones_carries_its_reference_so_every_value_stays_in_its_column()
    {
        var xlsx = Write(sheet =>
        {
            sheet.BeginRow();
            sheet.Text(null);
            sheet.Text("b");
            sheet.Text("c");
            sheet.Date(null);
            sheet.WholeNumber(5);
            sheet.EndRow();
        }, [.. "ABCDE".Select(c => new XlsxColumn(c.ToString(), c == 'E' ? XlsxCellKind.WholeNumber : XlsxCellKind.Text, 8))]);

        Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
        using var workbook = Spreadsheets.Open(xlsx);
        var row = workbook.Worksheet(1).Row(2);
        Assert.Equal(["", "b", "c", "", "5"], Enumerable.Range(1, 5).Select(c => row.Cell(c).GetString()));
    }

    [Fact]
    public void More_cells_than_columns_is_a_programming_error()
    {
        using var output = new MemoryStream();
        using var sheet = XlsxStreamWriter.Create(output, "Data", [new XlsxColumn("Only", XlsxCellKind.Text, 10)]);
        sheet.BeginRow();
        sheet.Text("one");
        Assert.Throws<InvalidOperationException>(() => sheet.Text("two"));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters_count_like_excel(int index, string letters) => Assert.Equal(letters, XlsxStreamWriter.ColumnLetters(index));

    [Fact]
    public void Column_widths_count_wide_characters_twice_take_the_longest_line_and_stay_within_bounds()
    {
        Assert.Equal(4, ColumnWidths.DisplayWidth("山田"));
        Assert.Equal(5, ColumnWidths.DisplayWidth("short\nabc"));
        Assert.Equal(ColumnWidths.Min, ColumnWidths.Fit(["a", null]));
        Assert.Equal(4 * 2 + 3, ColumnWidths.Fit(["株式会社", "abc"]));
        Assert.Equal(ColumnWidths.Max, ColumnWidths.Fit([new string('x', 500)]));
    }

    [Fact]
    public void Csv_output_is_utf8_with_bom_crlf_rfc_4180_and_neutralises_formula_like_cells()
    {
        using var stream = new MemoryStream();
        using (var csv = new CsvOutput(stream))
        {
            csv.WriteRow(["name", "note"]);
            csv.WriteRow(["Globex, Inc.", "He said \"hi\"\nbye"]);
            csv.WriteRow(["=HYPERLINK(\"x\")", "-2"]);
            csv.WriteRow(["@x", null]);
        }

        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "name,note\r\n\"Globex, Inc.\",\"He said \"\"hi\"\"\nbye\"\r\n\"'=HYPERLINK(\"\"x\"\")\",'-2\r\n'@x,\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("JPY", "#,##0")]
    [InlineData("USD", "#,##0.00")]
    [InlineData("EUR", "#,##0.00")]
    [InlineData("XXX", "#,##0.00")]
    public void Amounts_get_as_many_decimals_as_their_currency(string currency, string format) =>
        Assert.Equal(format, CurrencyFormats.NumberFormat(currency));
}
