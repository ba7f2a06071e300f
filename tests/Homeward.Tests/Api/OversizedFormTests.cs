using System.Net;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Homeward.Tests.Api;

/// <summary>
/// A form too big to read (one field over the 4 MB the server reads, or more fields than it counts) is a bad request
/// the sender is told about, never a 500, on any page: the sign-in page takes it from anyone.
/// </summary>
public sealed class OversizedFormTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Forms() => ["one field too long", "too many fields"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task An_oversized_form_on_the_sign_in_page_is_refused_with_a_reason(string form)
    {
        var log = new CapturedLog();
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        using var client = logged.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = form == "one field too long"
            ? [new("UserName", new string('a', 5 * 1024 * 1024)), new("Password", "x")]
            : Enumerable.Range(0, 3000).Select(i => new KeyValuePair<string, string>($"f{i}", "x")).ToList();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("too large", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("too large", StringComparison.Ordinal) && l.Text.Contains("/account/login", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Level >= LogLevel.Error);
    }
}
