using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// Writes during the load, through the pages as a user makes them: <see cref="Loops"/> loops, each time as a signed-in
/// employee drawn at random, open "new contact" and post the form (with its antiforgery token), then open the new
/// contact and post "log interaction" on it; <see cref="Pause"/> between writes. Each write raises the owner's version,
/// so the next list or search request of that employee loads their copy again. Anything but the redirect a successful
/// POST answers is an error.
/// </summary>
internal sealed class NetworkWriters(IReadOnlyList<HttpClient> signedIn, string slug, IReadOnlyList<string> companies)
{
    public const int Loops = 2;
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    private readonly Lock gate = new();
    private readonly List<double> writeMs = [];
    private int seed;

    public int ContactsAdded { get; private set; }
    public int InteractionsLogged { get; private set; }
    public int Errors { get; private set; }
    public string? FirstError { get; private set; }
    public double Seconds { get; private set; }

    /// <summary>Milliseconds of one write (the form's GET and its POST), sorted.</summary>
    public IReadOnlyList<double> SortedWriteMs
    {
        get
        {
            lock (gate)
            {
                return [.. writeMs.Order()];
            }
        }
    }

    public int Writes => ContactsAdded + InteractionsLogged;

    /// <summary>Writes until <paramref name="stop"/> is cancelled (the current write is finished).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var first = Interlocked.Add(ref seed, Loops);
        await Task.WhenAll(Enumerable.Range(0, Loops).Select(i => LoopAsync(new Random(first + i), stop)));
        lock (gate)
        {
            Seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
    }

    private async Task LoopAsync(Random random, CancellationToken stop)
    {
        var number = 0;
        while (!stop.IsCancellationRequested)
        {
            var client = signedIn[random.Next(signedIn.Count)];
            var contactPath = await WriteAsync(client, $"/{slug}/contacts/new", $"/{slug}/contacts/new", new Dictionary<string, string>
            {
                ["Input.FamilyName"] = "Benchmark",
                ["Input.GivenName"] = string.Create(CultureInfo.InvariantCulture, $"Writer {random.Next():x8}{number++}"),
                ["Input.CompanyName"] = companies[random.Next(companies.Count)],
                ["Input.Title"] = "Manager",
                ["Input.Channel"] = "ExchangeEvent",
                ["Input.Depth"] = "3",
                ["Input.Visibility"] = "Private",
            });
            if (contactPath is not null)
            {
                lock (gate)
                {
                    ContactsAdded++;
                }

                var logged = await WriteAsync(client, contactPath, $"{contactPath}?handler=LogInteraction", new Dictionary<string, string>
                {
                    ["Log.Kind"] = "Meeting",
                    ["Log.OccurredOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["Log.Note"] = "Met at the benchmark.",
                });
                if (logged is not null)
                {
                    lock (gate)
                    {
                        InteractionsLogged++;
                    }
                }
            }

            try
            {
                await Task.Delay(Pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>GETs the form's page, posts the form with its token; the redirect's target, or null after an error (counted).</summary>
    private async Task<string?> WriteAsync(HttpClient client, string formPath, string postPath, Dictionary<string, string> fields)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var page = await client.GetAsync(new Uri(formPath, UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != HttpStatusCode.OK)
            {
                return Failed($"GET {formPath} answered {(int)page.StatusCode}");
            }

            fields["__RequestVerificationToken"] = LoadRunner.FormToken(html, formPath);
            using var form = new FormUrlEncodedContent(fields);
            using var posted = await client.PostAsync(new Uri(postPath, UriKind.Relative), form);
            if (posted.StatusCode != HttpStatusCode.Redirect || posted.Headers.Location is not { } location)
            {
                return Failed($"POST {postPath} answered {(int)posted.StatusCode}, not a redirect");
            }

            lock (gate)
            {
                writeMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return location.OriginalString;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
        {
            return Failed($"{postPath}: {e.Message}");
        }
    }

    private string? Failed(string error)
    {
        lock (gate)
        {
            Errors++;
            FirstError ??= error;
        }

        return null;
    }
}
