using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Migrations;

/// <summary>Lets `dotnet ef migrations add` build the model; it never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=localhost;Database=networksaas_design", npgsql => npgsql.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .Options;
        return new AppDbContext(options).ForTenantOf(new TenantContextAccessor());
    }
}
