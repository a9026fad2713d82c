using Npgsql;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>
/// The parts of a stored export file read back as one stream: a reader in sequential access over the parts in order,
/// positioned on the first, whose content column is read from the connection as it is consumed. Forward only.
/// </summary>
internal sealed class ExportPartsStream(NpgsqlDataReader reader) : Stream
{
    private Stream? _part;
    private bool _ended;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_ended && buffer.Length > 0)
        {
            _part ??= await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
            var read = await _part.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                return read;
            }

            await _part.DisposeAsync().ConfigureAwait(false);
            _part = null;
            _ended = !await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        while (!_ended && buffer.Length > 0)
        {
            _part ??= reader.GetStream(0);
            var read = _part.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            _part.Dispose();
            _part = null;
            _ended = !reader.Read();
        }

        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _part?.Dispose();
            _part = null;
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_part is not null)
        {
            await _part.DisposeAsync().ConfigureAwait(false);
            _part = null;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
