using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Hosting;

namespace PresenceSync.Emulator.Identity;

/// <summary>
/// The verification page a device-code sign-in points the user to (AAD's microsoft.com/devicelogin):
/// GET /devicelogin shows a form for the code and the user to sign in as, POST approves or declines
/// the pending sign-in, exactly as the control API's /devicecodes/approve and /deny do. There is no
/// password: the emulator trusts whoever can reach its loopback port.
/// </summary>
internal static class DeviceLoginPage
{
    public const string Path = "/devicelogin";

    public static void Map(WebApplication app, TenantRegistry tenants)
    {
        app.MapGet(Path, (HttpContext ctx) => Page(tenants, (string?)ctx.Request.Query["otc"], null, 200));
        app.MapPost(Path, async (HttpContext ctx) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var code = ((string?)form["code"] ?? "").Trim();
            var userName = ((string?)form["user"] ?? "").Trim();
            var tenant = tenants.All.FirstOrDefault(t => t.DeviceCodes.FindByUserCode(code) is not null);
            var entry = tenant?.DeviceCodes.FindByUserCode(code);
            if (tenant is null || entry is null || entry.Redeemed || entry.ApprovedUserId is not null || entry.Denied || entry.ExpiresAt <= tenant.Clock.UtcNow)
                return Page(tenants, code, "That code is not a pending sign-in (unknown, expired or already used).", 404);
            if ((string?)form["action"] == "deny")
            {
                entry.Denied = true;
                return Done("The sign-in was declined. You can close this window.");
            }
            if (tenant.Directory.FindUser(userName) is not { } user)
                return Page(tenants, code, $"No user '{userName}' in {tenant.Directory.DomainName}.", 404);
            entry.ApprovedUserId = user.Id;
            return Done($"Signed in as {user.UserPrincipalName}. You can close this window and return to your application.");
        });
    }

    private static IResult Page(TenantRegistry tenants, string? code, string? error, int status)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sign in - PresenceSync Graph emulator</title></head><body>");
        html.Append("<h1>Enter code</h1><p>This is the PresenceSync Graph emulator's device sign-in page (in a real tenant: microsoft.com/devicelogin).</p>");
        if (error is not null) html.Append("<p role=\"alert\"><strong>").Append(Encode(error)).Append("</strong></p>");
        html.Append("<form method=\"post\" action=\"").Append(Path).Append("\">");
        html.Append("<label>Code <input name=\"code\" autocomplete=\"off\" value=\"").Append(Encode(code ?? "")).Append("\"></label><br>");
        html.Append("<label>Sign in as <input name=\"user\" placeholder=\"user0001@").Append(Encode(tenants.First.Directory.DomainName)).Append("\"></label><br>");
        html.Append("<button name=\"action\" value=\"approve\">Sign in</button> <button name=\"action\" value=\"deny\">Decline</button></form>");
        var pending = tenants.All.Sum(t => t.DeviceCodes.Pending(t.Clock.UtcNow).Count);
        html.Append("<p>").Append(pending).Append(" sign-in(s) waiting.</p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static IResult Done(string message) =>
        Results.Content($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sign in</title></head><body><p>{Encode(message)}</p></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, 200);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
