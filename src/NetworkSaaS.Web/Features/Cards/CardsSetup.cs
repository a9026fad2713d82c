namespace NetworkSaaS.Web.Features.Cards;

public static class CardsSetup
{
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        services.AddScoped<PublicCards>();
        services.AddSingleton<CardFormStamp>();
        services.AddScoped<CardContactIntake>();
        return services;
    }
}
