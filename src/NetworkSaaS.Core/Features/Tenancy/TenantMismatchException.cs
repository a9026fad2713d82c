namespace NetworkSaaS.Core.Features.Tenancy;

/// <summary>Thrown when code tries to write a row of another tenant, or to switch a scope's tenant.</summary>
public sealed class TenantMismatchException : InvalidOperationException
{
    public TenantMismatchException()
    {
    }

    public TenantMismatchException(string message)
        : base(message)
    {
    }

    public TenantMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
