using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Homeward.Tests.Support;

namespace Homeward.Tests.Api;

/// <summary>The README's API example works as written: its requests, bodies and headers replayed in order.</summary>
public sealed partial class ReadmeExampleTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_readme_api_example_signs_in_refers_and_triages_as_pasted()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Using the API", StringComparison.Ordinal)..];
        var script = section[(section.IndexOf("```bash", StringComparison.Ordinal) + 7)..];
        script = script[..script.IndexOf("```", StringComparison.Ordinal)];
        var commands = CommandPattern().Split(script).Where(c => c.Contains("curl", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, commands.Count);

        var client = app.CreateClient();
        var variables = new Dictionary<string, string>();
        foreach (var command in commands)
        {
            var text = VariablePattern().Replace(command, m => variables.GetValueOrDefault(m.Groups[1].Value, m.Value));
            var path = PathPattern().Match(text).Groups[1].Value;
            var body = BodyPattern().Match(text).Groups[1].Value;
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (Match header in HeaderPattern().Matches(text))
            {
                var (name, value) = (header.Groups["name"].Value, header.Groups["value"].Value);
                if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                    request.Headers.Authorization = AuthenticationHeaderValue.Parse(value);
                else if (!name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
                    request.Headers.TryAddWithoutValidation(name, value);
            }
            var response = await client.SendAsync(request, Ct);
            var answer = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {answer}");
            // VAR=$(curl … | jq -r .a.b): keep what jq would.
            if (AssignPattern().Match(text) is { Success: true } assign)
            {
                var element = JsonDocument.Parse(answer).RootElement;
                foreach (var part in assign.Groups[2].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
                    element = element.GetProperty(part);
                variables[assign.Groups[1].Value] = element.GetString()!;
            }
        }
        Assert.Equal(["TOKEN", "EPISODE"], variables.Keys);
        var episode = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/episodes/{variables["EPISODE"]}")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", variables["TOKEN"]) },
        }, Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("Triaged", episode.Str("status"));
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex CommandPattern();

    [GeneratedRegex(@"\$([A-Z]+)\b")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"localhost:5080(/api/\S+)")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"-d '([^']*)'")]
    private static partial Regex BodyPattern();

    [GeneratedRegex(@"-H (?:'(?<name>[A-Za-z-]+): (?<value>[^']*)'|""(?<name>[A-Za-z-]+): (?<value>[^""]*)"")")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"([A-Z]+)=\$\(curl[\s\S]*jq -r ([.\w]+)\)")]
    private static partial Regex AssignPattern();
}
