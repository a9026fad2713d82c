using System.Buffers.Binary;

namespace NetworkSaaS.Seeds.Synthetic;

/// <summary>UUID v7 (time-ordered, as the app's ids) whose random bits come from a seeded generator, so reruns give the same ids.</summary>
public static class SyntheticIds
{
    public static Guid Version7(DateTimeOffset at, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = (ulong)at.ToUnixTimeMilliseconds();
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(time, milliseconds);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0f));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3f));
        return new Guid(bytes, bigEndian: true);
    }
}
