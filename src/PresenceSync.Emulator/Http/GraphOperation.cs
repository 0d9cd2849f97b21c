using Microsoft.AspNetCore.Builder;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// Endpoint metadata describing a Graph operation: its statistics key (e.g.
/// "POST /communications/getPresencesByUserId"), which application roles or delegated scopes it
/// accepts, the error code Graph answers without them, and whether it draws on the presence budget.
/// </summary>
internal sealed record GraphOperation(
    string Key,
    string[] AppRoles,
    string[] Scopes,
    string ForbiddenCode = "Authorization_RequestDenied",
    bool IsPresence = false,
    bool IsPresenceWrite = false,
    bool AnyCaller = false);
