using System.Reflection;
using NetworkSaaS.Tests.Browser;
using NetworkSaaS.Tests.Infrastructure;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("NetworkSaaS.Tests.Infrastructure.LongestFirstCollectionOrderer", "NetworkSaaS.Tests")]

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// Starts the test classes that take longest first, so the run does not end with one long class running alone while the
/// other threads sit idle (xunit starts classes in this order, maxParallelThreads at a time): browser classes (a chromium
/// each, the longest of the suite), then the other integration classes with the most tests, then the quick unit classes.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .Select(collection => (Collection: collection, Class: ClassOf(collection)))
            .OrderBy(c => Rank(c.Class))
            .ThenByDescending(c => TestCount(c.Class))
            .ThenBy(c => c.Collection.DisplayName, StringComparer.Ordinal)
            .Select(c => c.Collection)
            .ToList();

    private static Type? ClassOf(ITestCollection collection) =>
        collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
            ? typeof(LongestFirstCollectionOrderer).Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..])
            : null;

    private static int Rank(Type? testClass) => testClass switch
    {
        not null when typeof(BrowserTest).IsAssignableFrom(testClass) => 0,
        not null when typeof(IntegrationTest).IsAssignableFrom(testClass) => 1,
        null => 1,
        _ => 2,
    };

    private static int TestCount(Type? testClass) =>
        testClass?.GetMethods(BindingFlags.Public | BindingFlags.Instance).Count(m => m.GetCustomAttribute<FactAttribute>() is not null) ?? 0;
}
