using NetworkSaaS.Core.Features.Sso;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>The connection form's fields: a saved connection's values, or (for a new one) what the admin typed.</summary>
public sealed record SsoConnectionFields(SsoConnection? Connection, SsoConnectionInput? Input);
