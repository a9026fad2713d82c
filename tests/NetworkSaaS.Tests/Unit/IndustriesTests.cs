using NetworkSaaS.Web.Features.Companies;

namespace NetworkSaaS.Tests.Unit;

public sealed class IndustriesTests
{
    [Theory]
    [InlineData("製造業", "manufacturing")]
    [InlineData("Manufacturing", "manufacturing")]
    [InlineData("manufacturing", "manufacturing")]
    [InlineData("電気機器", "manufacturing")] // TSE's 33 sectors, as company databases write them
    [InlineData("電気・ガス業", "utilities")]
    [InlineData("情報・通信業", "information-communications")]
    [InlineData("ＩＴ", "information-communications")]
    [InlineData("software", "information-communications")]
    [InlineData("物流", "transport-logistics")]
    [InlineData("その他金融業", "finance-insurance")]
    [InlineData("卸売業、小売業", "wholesale-retail")]
    [InlineData("サービス業", "other-services")]
    [InlineData("宇宙開拓", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Names_other_tools_use_are_recognised_as_codes_of_the_fixed_list(string? text, string? code) =>
        Assert.Equal(code, Industries.Recognize(text));

    [Fact]
    public void Every_code_is_recognised_as_itself_and_the_list_has_no_duplicates()
    {
        Assert.All(Industries.All, i => Assert.Equal(i.Code, Industries.Recognize(i.Code)));
        Assert.Equal(Industries.All.Count, Industries.All.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("https://www.Sakura-Foods.example.jp/about?x=1", "sakura-foods.example.jp")]
    [InlineData("sakura-foods.example.jp", "sakura-foods.example.jp")]
    [InlineData("http://例え.jp", "xn--r8jz45g.jp")]
    [InlineData("localhost", null)]
    [InlineData("ftp://files.example.jp", null)]
    [InlineData("not a url", null)]
    [InlineData("https://192.168.0.1/", null)]
    public void A_company_domain_is_the_host_of_its_site(string url, string? domain) =>
        Assert.Equal(domain, CompanyDomains.FromUrl(url));
}
