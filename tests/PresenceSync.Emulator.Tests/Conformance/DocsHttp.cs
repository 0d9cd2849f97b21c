using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;

namespace PresenceSync.Emulator.Tests.Conformance;

/// <summary>What came back for a docs example sent as raw HTTP.</summary>
public sealed record DocsResponse(int Status, HttpResponseHeaders Headers, string? MediaType, string Text)
{
    public JsonObject Json => JsonNode.Parse(Text)!.AsObject();
    public string? Header(string name) => Headers.NonValidated.TryGetValues(name, out var v) ? v.ToString() : null;
}

/// <summary>
/// Sends a Graph docs example as the docs write it (method, path under /v1.0, headers, body), with
/// a bearer token; for examples where the wire format itself is the point (headers, content types,
/// JSON shapes), the test is the client. Everything else goes through the Graph SDK.
/// </summary>
public sealed class DocsHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly EmulatorConnection _c;

    public DocsHttp(EmulatorConnection c)
    {
        _c = c;
        _http = EmulatorGraph.PinnedHttpClient(c);
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>path: as in the docs after https://graph.microsoft.com/v1.0, e.g. "/users/{id}/presence/setPresence".</summary>
    public async Task<DocsResponse> SendAsync(string method, string path, string? token, string? json = null,
        string? contentType = "application/json", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), _c.GraphBaseUrl + path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await _http.SendAsync(request);
        return new DocsResponse((int)response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
