using System.Net;
using System.Security.Cryptography;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Homeward.Tests.YourCare;

/// <summary>
/// NHS login as the partnership would set it up, against an OpenID provider on loopback: the client authenticates with a
/// private_key_jwt assertion (RS512, the token endpoint its audience), asks for vectors of trust, and a person verified
/// to P9 sees their own care by NHS number; a P5 identity does not, though its e-mail still finds a family member's access.
/// </summary>
public sealed class NhsLoginTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private FakeIdentityProvider _idp = null!;
    private Factory _app = null!;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"nhslogin-{Guid.NewGuid():N}.pem");

    private sealed class Factory(FakeIdentityProvider idp, string keyFile) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Authentication:NhsLogin:Authority", idp.Authority);
            builder.UseSetting("Authentication:NhsLogin:ClientId", "homeward-your-care");
            builder.UseSetting("Authentication:NhsLogin:PrivateKeyPath", keyFile);
            builder.UseSetting("Authentication:NhsLogin:RequireHttpsMetadata", "false");
        }
    }

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(_keyFile, _key.ExportPkcs8PrivateKeyPem(), Ct);
        _idp = await FakeIdentityProvider.Start();
        _app = new Factory(_idp, _keyFile);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _idp.DisposeAsync();
        File.Delete(_keyFile);
        _key.Dispose();
    }

    /// <summary>Continues with NHS login as the identity the provider is told to sign in; answers where Homeward lands.</summary>
    private async Task<(PublicBrowser Browser, string Url, string Html)> SignIn()
    {
        var browser = new PublicBrowser(_app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        var start = await browser.Get("/your-care");
        Assert.Contains("Continue with NHS login", await start.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var challenge = await browser.Get("/your-care?handler=NhsLogin");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith($"{_idp.Authority}/authorize", challenge.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var elsewhere = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = await elsewhere.GetAsync(challenge.Headers.Location, Ct);
        var callback = await browser.Get(back.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var (url, page) = await browser.Follow(callback.Headers.Location!.ToString());
        return (browser, url, await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_person_verified_to_P9_sees_their_own_care_and_the_client_proves_itself_with_a_signed_assertion()
    {
        var (person, _, nhsNumber) = await InCare.Person(_app);
        _idp.SignedInAs = "ada@example.org";
        _idp.ExtraClaims["nhs_number"] = nhsNumber;
        _idp.ExtraClaims["identity_proofing_level"] = "P9";
        var (_, url, html) = await SignIn();
        Assert.Equal($"/your-care/{person}", url);
        Assert.Contains("Your care", html, StringComparison.Ordinal);
        Assert.Contains("NHS login", html, StringComparison.Ordinal);

        var authorize = _idp.AuthorizeRequests.Last();
        Assert.Contains("P9.Cp.Cd", authorize["vtr"], StringComparison.Ordinal);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        var token = _idp.TokenRequests.Last();
        Assert.False(token.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", token["client_assertion_type"]);
        var assertion = await new JsonWebTokenHandler().ValidateTokenAsync(token["client_assertion"], new TokenValidationParameters
        {
            ValidIssuer = "homeward-your-care", ValidAudience = _idp.TokenEndpoint, IssuerSigningKey = new RsaSecurityKey(_key.ExportParameters(false)),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha512],
        });
        Assert.True(assertion.IsValid, assertion.Exception?.Message);
        Assert.Equal("homeward-your-care", assertion.Claims["sub"]);
        Assert.True(assertion.Claims.ContainsKey("jti"));
    }

    [Fact]
    public async Task An_identity_only_verified_to_P5_does_not_reach_the_record_its_NHS_number_names_but_its_email_finds_family_access()
    {
        var (person, _, nhsNumber) = await InCare.Person(_app);
        _idp.SignedInAs = "not-verified@example.org";
        _idp.ExtraClaims["nhs_number"] = nhsNumber;
        _idp.ExtraClaims["identity_proofing_level"] = "P5";
        var (_, url, html) = await SignIn();
        Assert.Equal("/your-care", url);
        Assert.Contains("We could not find any care to show you", html, StringComparison.Ordinal);

        await InCare.Share(_app, person, "Nia Okafor", "nia@example.org");
        _idp.SignedInAs = "nia@example.org";
        _idp.ExtraClaims.Remove("nhs_number");
        var (_, familyUrl, familyHtml) = await SignIn();
        Assert.Equal($"/your-care/{person}", familyUrl);
        Assert.Contains("Shown to Nia Okafor, Son", familyHtml, StringComparison.Ordinal);
    }
}
