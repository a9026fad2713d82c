namespace NetworkSaaS.Web.Features.Contacts;

public static class ContactsSetup
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddScoped<ContactLabels>();
        services.AddSingleton<Seeds.IDemoContactWriter, DemoContactWriter>();
        services.AddScoped<ContactAccess>();
        services.AddScoped<MyNetworkQuery>();
        services.AddOptions<MyNetworkOptions>().BindConfiguration("Contacts:MyNetwork");
        services.AddSingleton<NetworkSnapshotCache>();
        services.AddScoped<OrganizationDirectory>();
        services.AddScoped<ContactWriter>();
        services.AddScoped<ContactCreation>();
        services.AddScoped<InteractionLog>();
        services.AddScoped<IntroducerChoices>();
        services.AddScoped<DuplicateFinder>();
        services.AddScoped<ContactMerger>();
        services.AddScoped<Import.ContactImporter>();
        services.AddScoped<Import.ImportContactsJob>();
        services.AddScoped<Import.ImportUndo>();
        services.AddScoped<Triage.ContactRemoval>();
        services.AddScoped<Triage.BulkChanges>();
        services.AddScoped<Triage.ToReviewList>();
        return services;
    }
}
