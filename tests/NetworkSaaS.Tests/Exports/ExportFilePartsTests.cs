using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Exports;

namespace NetworkSaaS.Tests.Exports;

/// <summary>Export files are stored in parts of <see cref="ExportStore.PartBytes"/> and read back as one stream, byte for byte.</summary>
public sealed class ExportFilePartsTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    /// <summary>Commits <paramref name="content"/> as the file of a running export, as the job does with its temp file.</summary>
    private async Task<(ITenantInfo Tenant, Guid ExportId)> CommitAsync(byte[] content, string slug = "parts")
    {
        var (tenant, admin) = await App.CreateTenantAsync(slug);
        var id = await ExportRuns.QueueAsync(App, tenant, admin.Id, ExportKind.MyContacts, ExportFormat.Csv, r => r.Status = ExportStatus.Running);
        var temp = ExportTempFiles.NewPath(id);
        await File.WriteAllBytesAsync(temp, content);
        try
        {
            Assert.True(await App.InTenantAsync(tenant, sp =>
                sp.GetRequiredService<ExportStore>().CommitAsync(id, temp, new ExportOutput("parts.csv", 1, null), CancellationToken.None)));
        }
        finally
        {
            ExportTempFiles.Delete(temp);
        }

        return (tenant, id);
    }

    private Task<List<int>> PartSizesAsync(ITenantInfo tenant, Guid exportId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ExportFiles.AsNoTracking()
            .Where(f => f.ExportId == exportId).OrderBy(f => f.Part).Select(f => f.Content.Length).ToListAsync());

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(16).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_file_of_two_and_a_half_parts_is_stored_in_three_parts_and_read_back_byte_identical()
    {
        var content = RandomBytes((ExportStore.PartBytes * 5 / 2) + 7);
        var (tenant, id) = await CommitAsync(content);

        Assert.Equal([ExportStore.PartBytes, ExportStore.PartBytes, (ExportStore.PartBytes / 2) + 7], await PartSizesAsync(tenant, id));
        Assert.Equal(content, await ExportRuns.FileAsync(App, tenant, id));
        Assert.Equal(content.Length, (await ExportRuns.LoadAsync(App, tenant, id)).FileSize);

        // The same through synchronous reads of an odd size, which cross the parts' borders.
        var read = await App.InTenantAsync(tenant, async sp =>
        {
            await using var file = await sp.GetRequiredService<ExportStore>().OpenAsync(id, CancellationToken.None);
            using var copy = new MemoryStream();
            var buffer = new byte[7_777];
            int n;
            while ((n = file!.Stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, n);
            }

            return copy.ToArray();
        });
        Assert.Equal(content, read);
    }

    [Fact]
    public async Task A_file_of_exactly_one_part_is_one_part_and_an_empty_file_is_one_empty_part()
    {
        var whole = RandomBytes(ExportStore.PartBytes);
        var (tenant, id) = await CommitAsync(whole);
        Assert.Equal([ExportStore.PartBytes], await PartSizesAsync(tenant, id));
        Assert.Equal(whole, await ExportRuns.FileAsync(App, tenant, id));

        var (otherTenant, empty) = await CommitAsync([], "parts-empty");
        Assert.Equal([0], await PartSizesAsync(otherTenant, empty));
        var emptyFile = await ExportRuns.FileAsync(App, otherTenant, empty);
        Assert.NotNull(emptyFile);
        Assert.Empty(emptyFile);
    }
}
