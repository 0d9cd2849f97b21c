using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// Graph reads request bodies only as JSON: every POST/PATCH/PUT page lists "Content-Type:
/// application/json. Required." A body sent without a Content-Type is answered 400 "Unable to read
/// JSON request payload. Please ensure Content-Type header is set ..." (microsoft-graph-docs-contrib
/// issue 6337); a body of another media type (PowerShell's default form encoding, text/plain) 415.
/// A request without a body (clearUserPreferredPresence's own docs example) needs no Content-Type.
/// </summary>
internal static class RequestBody
{
    public static IResult? ContentTypeProblem(HttpContext ctx)
    {
        var request = ctx.Request;
        if (!HasBody(request)) return null;
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType)) return GraphErrors.InvalidBody();
        var mediaType = contentType.Split(';')[0].Trim();
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return null;
        return GraphErrors.Result(415, "UnsupportedMediaType",
            $"The content type '{mediaType}' is not supported: send the body as application/json.");
    }

    public static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0
        || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
