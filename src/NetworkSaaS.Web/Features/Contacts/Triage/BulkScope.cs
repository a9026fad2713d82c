namespace NetworkSaaS.Web.Features.Contacts.Triage;

/// <summary>What the bulk form of a list acts on: the list's filter (My network) or one import; <paramref name="Total"/> = all of it.</summary>
public sealed record BulkScope(string Slug, string ReturnUrl, int Total, NetworkFilter? Filter, Guid? Batch);
