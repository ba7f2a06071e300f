using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Homeward.Common;

namespace Homeward.Tests.Support;

public static class Http
{
    public static async Task<JsonElement> Body(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status, showing the body when it is wrong, and returns the body.</summary>
    public static async Task<JsonElement> Expect(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Asserts that long work was accepted as a job (202 with its Location), follows the job until it ends, asserts it
    /// is done, and returns its result (the body at its resultUrl).
    /// </summary>
    public static async Task<JsonElement> ExpectJobDone(this HttpResponseMessage response, HttpClient client)
    {
        var job = await response.Expect(HttpStatusCode.Accepted);
        Assert.Equal($"/api/jobs/{job.Str("id")}", response.Headers.Location?.ToString());
        job = await FollowJob(client, job.Str("id"));
        Assert.True(job.Str("status") == "Done", $"The job ended {job.Str("status")}: {job}");
        return await (await client.GetAsync(job.Str("resultUrl"))).Expect(HttpStatusCode.OK);
    }

    /// <summary>The job once it has ended (or a failed assertion after two minutes).</summary>
    public static async Task<JsonElement> FollowJob(HttpClient client, string id)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var job = await (await client.GetAsync($"/api/jobs/{id}")).Expect(HttpStatusCode.OK);
            if (job.Str("status") is not ("Queued" or "Running"))
                return job;
            Assert.True(DateTime.UtcNow < until, $"The job is still {job.Str("status")} after two minutes: {job}");
            await Task.Delay(200);
        }
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body, string? ifMatch = null, string? idempotencyKey = null) =>
        Send(client, HttpMethod.Post, url, body, ifMatch, idempotencyKey);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body, string? ifMatch = null) =>
        Send(client, HttpMethod.Put, url, body, ifMatch, null);

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body, string? ifMatch) =>
        Send(client, HttpMethod.Patch, url, body, ifMatch, null);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object body, string? ifMatch, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Json.Options) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static string[] ErrorFields(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
}
