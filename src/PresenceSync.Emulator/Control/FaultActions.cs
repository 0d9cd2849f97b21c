using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Control;

/// <summary>
/// How the request-level hung-edge faults behave on the wire: a hang never answers (the connection
/// is reset once the client gave up or the rule's time is over), a slow reply sends status and
/// headers at once and then trickles its body.
/// </summary>
internal static class FaultActions
{
    /// <summary>Holds the request unanswered until the client goes away or the rule's real time is over, then resets the connection.</summary>
    public static async Task HangAsync(HttpContext ctx, FaultRule rule)
    {
        try { await Task.Delay(TimeSpan.FromSeconds(rule.HangSeconds), ctx.RequestAborted); }
        catch (OperationCanceledException) { }
        ctx.Abort();
    }

    /// <summary>Runs the real handler into a buffer, then sends the headers and the body a chunk at a time.</summary>
    public static async Task TrickleAsync(HttpContext ctx, Func<Task> produce, FaultRule rule)
    {
        var wire = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try { await produce(); }
        finally { ctx.Response.Body = wire; }
        var bytes = buffer.ToArray();
        // The full length is announced, so the client keeps waiting for every byte.
        ctx.Response.ContentLength = bytes.Length;
        try
        {
            await ctx.Response.StartAsync(ctx.RequestAborted);
            await wire.FlushAsync(ctx.RequestAborted);
            var chunk = Math.Max(1, rule.ChunkBytes);
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                await Task.Delay(Math.Max(0, rule.TrickleMs), ctx.RequestAborted);
                await wire.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)), ctx.RequestAborted);
                await wire.FlushAsync(ctx.RequestAborted);
            }
        }
        catch (OperationCanceledException) { ctx.Abort(); }
        catch (IOException) { ctx.Abort(); }
    }
}
