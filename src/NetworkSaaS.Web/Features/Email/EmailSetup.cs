using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Web.Features.Email;

public sealed class EmailOptions
{
    public string From { get; set; } = "NetworkSaaS <no-reply@networksaas.example>";
    public string PickupDirectory { get; set; } = "";

    /// <summary>
    /// Where the app is reached from outside (scheme, host, port): every absolute link in every mail starts with it.
    /// Required outside Development (see StartupConfigurationCheck); Development's appsettings name localhost.
    /// </summary>
    public string BaseUrl { get; set; } = "";
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>
    /// Mail goes over TLS: implicit TLS on port 465, STARTTLS required on any other port. Only a relay on the same host
    /// or private network that offers no TLS (a local MTA, the compose file's mailpit) may be allowed with this.
    /// </summary>
    public bool AllowUnencryptedRelay { get; set; }

    /// <summary>
    /// Limit on each network read or write (MailKit's default is 2 minutes). A mail transfer, once begun, is not cancelled
    /// (see <see cref="SmtpEmailSender"/>), so this keeps it shorter than a worker's graceful shutdown (30 s).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}

public static class EmailSetup
{
    /// <summary>SMTP (MailKit) when Email:Smtp:Host is set; otherwise a folder of .eml files (development mail sink).</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var options = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            options.PickupDirectory = Path.Combine(DataRoot.Find(environment.ContentRootPath), "mail");
        }

        services.AddSingleton(options);
        if (string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }

        return services;
    }
}
