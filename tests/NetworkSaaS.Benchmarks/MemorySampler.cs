namespace NetworkSaaS.Benchmarks;

/// <summary>Samples the process's working set and managed heap on a background thread (every 50 ms unless told).</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemorySampler(int intervalMs = 50)
    {
        StartWorkingSetMb = Environment.WorkingSet / 1048576.0;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _peakWorkingSet, Math.Max(Interlocked.Read(ref _peakWorkingSet), Environment.WorkingSet));
                Interlocked.Exchange(ref _peakManaged, Math.Max(Interlocked.Read(ref _peakManaged), GC.GetTotalMemory(false)));
                await Task.Delay(intervalMs).ConfigureAwait(false);
            }
        });
    }

    public double StartWorkingSetMb { get; }
    public double PeakWorkingSetMb => Interlocked.Read(ref _peakWorkingSet) / 1048576.0;
    public double PeakManagedMb => Interlocked.Read(ref _peakManaged) / 1048576.0;

    public void Stop()
    {
        _stop.Cancel();
        _sampling.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            Stop();
        }

        _stop.Dispose();
    }
}
