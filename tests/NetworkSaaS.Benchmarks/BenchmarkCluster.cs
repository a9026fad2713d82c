using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// The benchmark's own PostgreSQL cluster: in <c>--data DIR</c> (kept, reused next time) or in a throwaway folder under
/// /tmp that is deleted at the end, durable as deployed (<see cref="DurableSettings"/>). Stopped whatever happens;
/// Ctrl+C ends the run with 130.
/// </summary>
internal static class BenchmarkCluster
{
    public delegate Task<int> Body(BenchmarkOptions options, EmbeddedPostgres postgres, string root, CancellationToken ct);

    public static async Task<int> RunAsync(BenchmarkOptions options, Body body, CancellationToken ct)
    {
        var keep = options.DataDirectory is not null;
        var root = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"networksaas-bench-{Environment.ProcessId}");
        var postgres = new EmbeddedPostgres(root);
        try
        {
            await postgres.StartAsync(ct);
            await DurableSettings.EnsureAsync(postgres, ct);
            return await body(options, postgres, root, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await postgres.StopAsync(CancellationToken.None);
            if (!keep)
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is harmless.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
