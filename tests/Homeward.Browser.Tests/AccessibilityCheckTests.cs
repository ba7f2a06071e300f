using Homeward.Browser.Tests.Support;

namespace Homeward.Browser.Tests;

/// <summary>The accessibility check itself must be able to fail, or a clean result means nothing.</summary>
public sealed class AccessibilityCheckTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task It_fails_a_page_with_an_unlabelled_field_and_unreadable_text()
    {
        var page = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Bad</title></head>
            <body><main><input type="text"><p style="color:#eee;background:#fff">Faint</p></main></body></html>
            """);
        var error = await Assert.ThrowsAnyAsync<Exception>(page.AssertAccessible);
        Assert.Contains("label", error.Message);
        Assert.Contains("color-contrast", error.Message);
    }
}
