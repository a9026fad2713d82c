namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>Marks the pages a user whom the company policy requires to enroll may still use before enrolling.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedWithoutSecondFactorAttribute : Attribute;
