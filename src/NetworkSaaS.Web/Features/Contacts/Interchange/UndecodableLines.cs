namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// The lines of a file whose bytes could not be decoded (their text is empty). A record that spans one is rejected for
/// it; each such line is reported once, by the record that claimed it or on its own.
/// </summary>
internal sealed class UndecodableLines(IReadOnlyList<RejectedRecord> lines)
{
    private readonly int[] _numbers = [.. lines.Select(l => l.LineNumber)];
    private readonly bool[] _claimed = new bool[lines.Count];

    /// <summary>The first undecodable line from <paramref name="first"/> to <paramref name="last"/>; all of them are claimed.</summary>
    public RejectedRecord? Within(int first, int last)
    {
        var index = Array.BinarySearch(_numbers, first);
        index = index < 0 ? ~index : index;
        RejectedRecord? found = null;
        for (; index < _numbers.Length && _numbers[index] <= last; index++)
        {
            _claimed[index] = true;
            found ??= lines[index];
        }

        return found;
    }

    public IEnumerable<RejectedRecord> Unclaimed => lines.Where((_, i) => !_claimed[i]);
}
