using System.Net;
using NetworkSaaS.Tests.Infrastructure;
using Xunit.Sdk;

namespace NetworkSaaS.Tests.Unit;

/// <summary>The form helpers fail a test whose post was not accepted, unless the test said it expects that refusal.</summary>
public sealed class HttpFormsTests
{
    private const string FormPage = """<form method="post"><input name="__RequestVerificationToken" type="hidden" value="token-1" /></form>""";

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "")]
    [InlineData(HttpStatusCode.NotFound, "")]
    [InlineData(HttpStatusCode.BadRequest, "")]
    [InlineData(HttpStatusCode.OK, """<div class="text-danger validation-summary-errors" role="alert"><ul><li>Required.</li></ul></div>""")]
    [InlineData(HttpStatusCode.OK, """<input class="form-control input-validation-error" name="Input.Email" />""")]
    public async Task A_post_that_is_not_accepted_fails_the_test(HttpStatusCode status, string body)
    {
        using var client = Client(status, body);
        var failure = await Assert.ThrowsAnyAsync<XunitException>(() => client.PostFormAsync("/acme/contacts/new", new() { ["Input.FamilyName"] = "Sato" }));
        Assert.Contains("POST /acme/contacts/new was not accepted", failure.Message, StringComparison.Ordinal);
        Assert.Contains("expect:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_the_sign_in_page_is_not_accepted()
    {
        using var client = Client(HttpStatusCode.Redirect, "", "/acme/account/login?returnUrl=%2Facme%2Fcontacts%2Fnew");
        await Assert.ThrowsAnyAsync<XunitException>(() => client.PostFormAsync("/acme/contacts/new", []));
    }

    [Fact]
    public async Task Redirects_and_pages_without_errors_are_accepted_and_an_expected_refusal_is_checked_exactly()
    {
        using (var redirected = Client(HttpStatusCode.Redirect, "", "/acme/contacts/1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await redirected.PostFormAsync("/acme/contacts/new", [])).StatusCode);
        }

        using (var shown = Client(HttpStatusCode.OK, """<div class="validation-summary-valid"></div><p>Saved.</p>"""))
        {
            Assert.Equal(HttpStatusCode.OK, (await shown.PostFormAsync("/acme/contacts/new", [])).StatusCode);
        }

        using var missing = Client(HttpStatusCode.NotFound, "");
        Assert.Equal(HttpStatusCode.NotFound, (await missing.PostFormAsync("/acme/contacts/new", [], expect: HttpStatusCode.NotFound)).StatusCode);
        var wrong = await Assert.ThrowsAnyAsync<XunitException>(() => missing.PostFormAsync("/acme/contacts/new", [], expect: HttpStatusCode.Forbidden));
        Assert.Contains("answered 404 NotFound, the test expected 403 Forbidden", wrong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<XunitException>(() => missing.PostFormWithTokenAsync("/acme/contacts/new", [], "token-1"));
        await Assert.ThrowsAnyAsync<XunitException>(() => missing.PostFormMultiAsync("/acme/contacts/new", [], "token-1"));
    }

    /// <summary>A client whose GETs answer a form page and whose POSTs answer <paramref name="status"/>.</summary>
    private static HttpClient Client(HttpStatusCode status, string body, string? location = null) =>
        new(new Answering(status, body, location)) { BaseAddress = new Uri("http://localhost") };

    private sealed class Answering(HttpStatusCode status, string body, string? location) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isPost = request.Method == HttpMethod.Post;
            var response = new HttpResponseMessage(isPost ? status : HttpStatusCode.OK)
            {
                Content = new StringContent(isPost ? body : FormPage),
                RequestMessage = request,
            };
            if (isPost && location is not null)
            {
                response.Headers.Location = new Uri(location, UriKind.Relative);
            }

            return Task.FromResult(response);
        }
    }
}
