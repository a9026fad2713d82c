using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace NetworkSaaS.Tests.Isolation.Citus;

/// <summary>One statement as the server executed it: its text ($1, $2 …) and the values bound to it.</summary>
public sealed record ExecutedStatement(string Sql, IReadOnlyDictionary<int, string?> Parameters);

/// <summary>
/// Every statement any session runs on one database, from PostgreSQL's own log (<c>log_statement = all</c> set on
/// that database only): whatever issued it (EF, raw Npgsql, Hangfire), with the parameter values the server bound.
/// </summary>
public sealed partial class StatementCapture
{
    private readonly string _superUser;
    private readonly string _database;
    private readonly string _logFile;
    private long _start;

    public StatementCapture(string superUserConnectionString, string clusterDirectory)
    {
        _superUser = superUserConnectionString;
        _database = new NpgsqlConnectionStringBuilder(superUserConnectionString).Database!;
        // EmbeddedPostgres starts the server with pg_ctl -l <root>/postgres.log, beside the cluster folder.
        _logFile = Path.Combine(Path.GetDirectoryName(clusterDirectory)!, "postgres.log");
    }

    public async Task StartAsync()
    {
        await SetAsync("log_statement = 'all'");
        // Only new sessions read the database's settings.
        NpgsqlConnection.ClearAllPools();
        _start = new FileInfo(_logFile).Length;
    }

    public async Task<IReadOnlyList<ExecutedStatement>> StopAsync()
    {
        await SetAsync("log_statement = DEFAULT");
        NpgsqlConnection.ClearAllPools();
        await using var stream = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_start, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(await reader.ReadToEndAsync());
    }

    private async Task SetAsync(string setting)
    {
        var reset = setting.EndsWith("DEFAULT", StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(_superUser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(reset ? $"ALTER DATABASE {_database} RESET log_statement" : $"ALTER DATABASE {_database} SET {setting}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Log entries (prefix '%m [%p] ', continuation lines start with a tab): each execute/statement and its parameters.</summary>
    public static IReadOnlyList<ExecutedStatement> Parse(string log)
    {
        var entries = new List<(string Level, string Message)>();
        foreach (var line in log.Split('\n'))
        {
            if (line.StartsWith('\t') && entries.Count > 0)
            {
                entries[^1] = (entries[^1].Level, entries[^1].Message + "\n" + line[1..]);
            }
            else if (EntryStart().Match(line) is { Success: true } start)
            {
                entries.Add((start.Groups["level"].Value, start.Groups["message"].Value));
            }
        }

        var statements = new List<ExecutedStatement>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Level != "LOG" || Executed().Match(entries[i].Message) is not { Success: true } executed)
            {
                continue;
            }

            var parameters = new Dictionary<int, string?>();
            if (i + 1 < entries.Count && entries[i + 1] is { Level: "DETAIL" } detail && detail.Message.StartsWith("parameters: ", StringComparison.Ordinal))
            {
                foreach (Match parameter in ParameterValue().Matches(detail.Message))
                {
                    parameters[int.Parse(parameter.Groups["n"].Value, CultureInfo.InvariantCulture)] =
                        parameter.Groups["value"].Success ? parameter.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal) : null;
                }
            }

            statements.Add(new ExecutedStatement(executed.Groups["sql"].Value, parameters));
        }

        return statements;
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \S+ \[\d+\] (?<level>[A-Z]+\d?):  (?<message>.*)$")]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"^(execute [^:]+|statement): (?<sql>.*)$", RegexOptions.Singleline)]
    private static partial Regex Executed();

    [GeneratedRegex(@"\$(?<n>\d+) = (NULL|'(?<value>(?:[^']|'')*)')")]
    private static partial Regex ParameterValue();
}

/// <summary>
/// PostgreSQL's parser as a service: <c>PREPARE</c> with <c>debug_print_parse</c> sends the analysed tree of the
/// statement back as a LOG message; parameter types are inferred from context (text where nothing else says).
/// </summary>
public sealed class PostgresParser : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly List<string> _trees = [];
    private int _statements;

    private PostgresParser(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notice += (_, e) =>
        {
            if (e.Notice.MessageText.StartsWith("parse tree", StringComparison.Ordinal) && e.Notice.Detail is { } tree)
            {
                _trees.Add(tree);
            }
        };
    }

    public static async Task<PostgresParser> OpenAsync(string superUserConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(superUserConnectionString)
        {
            Options = "-c debug_print_parse=on -c debug_pretty_print=off -c client_min_messages=log -c log_statement=none",
            Pooling = false,
            // Npgsql redacts a notice's detail (where the tree is) otherwise.
            IncludeErrorDetail = true,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return new PostgresParser(connection);
    }

    /// <summary>The analysed tree of one statement (SELECT, INSERT, UPDATE, DELETE, WITH …), nothing executed.</summary>
    public async Task<ParseNode> ParseAsync(string sql, int parameterCount, IReadOnlyDictionary<int, string?>? values = null)
    {
        var types = Enumerable.Repeat("unknown", parameterCount).ToArray();
        var guessed = false;
        while (true)
        {
            _trees.Clear();
            var name = $"citus_check_{++_statements}";
            var declared = parameterCount == 0 ? "" : $"({string.Join(", ", types)})";
            try
            {
                await using (var prepare = new NpgsqlCommand($"PREPARE {name}{declared} AS {sql}", _connection))
                {
                    await prepare.ExecuteNonQueryAsync();
                }

                await using (var deallocate = new NpgsqlCommand($"DEALLOCATE {name}", _connection))
                {
                    await deallocate.ExecuteNonQueryAsync();
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.IndeterminateDatatype
                                              && int.TryParse(e.MessageText.Split('$').Last(), CultureInfo.InvariantCulture, out var unknown)
                                              && unknown <= parameterCount && types[unknown - 1] == "unknown")
            {
                types[unknown - 1] = "text";
                continue;
            }
            catch (PostgresException e) when (!guessed && values is not null && e.SqlState is PostgresErrorCodes.AmbiguousFunction
                                                  or PostgresErrorCodes.UndefinedFunction or PostgresErrorCodes.DatatypeMismatch)
            {
                // Context alone cannot type it (unnest($1)): take the types the bound values show (uuid, uuid[], text[]).
                guessed = true;
                types = [.. Enumerable.Range(1, parameterCount).Select(n => TypeOf(values.GetValueOrDefault(n)))];
                continue;
            }

            return _trees.Select(ParseNode.Read).First(t => t.Atom("commandType") != "6");
        }
    }

    private static string TypeOf(string? value)
    {
        if (value is null)
        {
            return "unknown";
        }

        if (Guid.TryParse(value, out _))
        {
            return "uuid";
        }

        if (value.Length >= 2 && value.StartsWith('{') && value.EndsWith('}'))
        {
            var items = value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries);
            return items.Length > 0 && items.All(i => Guid.TryParse(i, out _)) ? "uuid[]" : "text[]";
        }

        return "unknown";
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
