using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NetworkSaaS.Web.Features.Exports;

public static class ReadAheadExtensions
{
    /// <summary>
    /// Enumerates <paramref name="source"/> on another thread, up to <paramref name="capacity"/> items ahead of the
    /// consumer: a streaming query keeps materializing rows while the file is written (two cores instead of one),
    /// and memory stays bounded by the capacity. The source is stopped when the consumer stops early.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadAhead<T>(
        this IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    await channel.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
                }

                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                // The consumer sees the source's failure when it reads on.
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }
}
