namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>Name columns of Japanese card exports: family and given name apart, or one column family name first.</summary>
internal static class JapaneseNameColumns
{
    public static bool ArePresentIn(CsvHeader header) => (header.Has("姓") && header.Has("名")) || header.Has("氏名");

    /// <summary>The separate columns when either has a value, else the single column split at its first space.</summary>
    public static (string? Family, string? Given) Read(CsvRow row, string[] familyColumns, string[] givenColumns, string[] fullNameColumns)
    {
        var (family, given) = (row.Get(familyColumns), row.Get(givenColumns));
        return family is null && given is null ? PersonNames.SplitFamilyFirst(row.Get(fullNameColumns)) : (family, given);
    }
}
