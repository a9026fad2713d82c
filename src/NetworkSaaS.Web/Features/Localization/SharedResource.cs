namespace NetworkSaaS.Web.Features.Localization;

/// <summary>
/// Anchor for the UI strings. Keys are the English text; SharedResource.ja.resx holds the Japanese.
/// A test fails when a key used in code or a page has no Japanese translation.
/// </summary>
public sealed class SharedResource;
