namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>The tenant roles. Every user is at least an Employee.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string HR = "HR";
    public const string Manager = "Manager";
    public const string Executive = "Executive";
    public const string Employee = "Employee";

    public static IReadOnlyList<string> All { get; } = [Admin, HR, Manager, Executive, Employee];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
