namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>Waiting for background jobs (Hangfire servers, worker processes) to reach a state, with a 60 s limit.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background jobs did not finish within 60 s.");
            await Task.Delay(200);
        }
    }
}
