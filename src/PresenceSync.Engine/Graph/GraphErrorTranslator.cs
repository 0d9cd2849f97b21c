using System;
using System.Net.Http;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// Turns what Azure.Identity and the Graph SDK throw into errors an admin can act on: a stable
    /// id per cause (wrong secret, expired secret, unknown tenant, missing permission, throttling,
    /// outage) and the remedy. Messages never include a secret or a token.
    /// </summary>
    internal static class GraphErrorTranslator
    {
        public static PresenceSyncException Translate(Exception ex, object? target, string? consentUrl = null) => Translate(ex, target, consentUrl, null);

        /// <summary>As above; knowing the credential kind, a remedy names only the command that works for it.</summary>
        public static PresenceSyncException Translate(Exception ex, object? target, string? consentUrl, CredentialType? credential)
        {
            switch (ex)
            {
                case PresenceSyncException known:
                    return known;
                case AuthenticationFailedException auth when NetworkCause(auth) is Exception network:
                    // Entra ID was never reached (refused, unresolved, timed out, TLS failed): the
                    // credential is not at fault, so the error says connection, not sign-in.
                    return Fail(TenantErrorIds.ConnectionFailed, ErrorKind.ConnectionError,
                        "Entra ID could not be reached to sign in: " + Chain(network), target,
                        "Check the network, proxy, firewall and TLS inspection (the authority host's certificate must be trusted), then try again.");
                case AuthenticationFailedException auth:
                    return FromAuthentication(auth.Message + " " + auth.InnerException?.Message, target, credential);
                case ODataError odata:
                    return FromStatus(odata.ResponseStatusCode, odata.Error?.Code, odata.Error?.Message ?? odata.Message, target, consentUrl);
                case HttpRequestException http:
                    return Fail(TenantErrorIds.ConnectionFailed, ErrorKind.ConnectionError, $"Microsoft Graph could not be reached: {Chain(http)}", target,
                        "Check the network, proxy and firewall, then try again.");
                default:
                    return Fail(TenantErrorIds.RequestFailed, ErrorKind.NotSpecified, $"The Graph request failed: {ex.Message}", target);
            }
        }

        private static PresenceSyncException FromAuthentication(string message, object? target, CredentialType? credential)
        {
            if (message.Contains("AADSTS7000222"))
                return Fail(TenantErrorIds.SecretExpired, ErrorKind.AuthenticationError, "The app's client secret has expired.", target,
                    $"Rotate it as an admin: Set-PresenceSyncApp -RotateSecret -AdminClientId {AppRegistrar.DefaultAdminClientId}, or give a new one with Set-PresenceSyncApp -ClientSecret.");
            if (message.Contains("AADSTS700027") && message.IndexOf("expired", StringComparison.OrdinalIgnoreCase) >= 0)
                return Fail(TenantErrorIds.CertificateExpired, ErrorKind.AuthenticationError, "The app's certificate has expired.", target,
                    "An expired certificate cannot prove a rotation: upload a new certificate to the app in the Entra admin center and record it with " +
                    "Set-PresenceSyncApp -CertificatePath or -CertificateThumbprint.");
            if (message.Contains("AADSTS7000215") || message.Contains("AADSTS700027") || message.Contains("invalid_client"))
                return Fail(TenantErrorIds.CredentialRejected, ErrorKind.AuthenticationError,
                    credential == CredentialType.Certificate ? "Entra ID rejected the app's certificate (it is not, or no longer, a key credential of the app)."
                        : credential == CredentialType.ClientSecret ? "Entra ID rejected the app's client secret." : "Entra ID rejected the app's secret or certificate.", target,
                    credential == CredentialType.Certificate
                        ? "Check that the certificate belongs to this app (client id), or record the app's current one with Set-PresenceSyncApp -CertificatePath or -CertificateThumbprint."
                        : credential == CredentialType.ClientSecret
                            ? "Check that the secret belongs to this app (client id), or give the current one with Set-PresenceSyncApp -ClientSecret."
                            : "Check that the secret or certificate belongs to this app (client id), or set the current one with Set-PresenceSyncApp -ClientSecret (secret) or -CertificatePath / -CertificateThumbprint (certificate).");
            if (message.Contains("AADSTS90002") || message.Contains("AADSTS900023"))
                return Fail(TenantErrorIds.TenantNotFound, ErrorKind.ObjectNotFound, "Entra ID does not know this tenant id.", target,
                    "Check -TenantId: it is the directory (tenant) id GUID or a verified domain of the tenant.");
            if (message.Contains("AADSTS700016"))
                return Fail(TenantErrorIds.ApplicationNotFound, ErrorKind.ObjectNotFound, "The app (client id) does not exist in this tenant.", target,
                    "Check -ClientId, or register the app with New-PresenceSyncApp.");
            return Fail(TenantErrorIds.AuthenticationFailed, ErrorKind.AuthenticationError, "Signing in to Entra ID failed: " + FirstLine(message), target);
        }

        /// <summary>The error id of one HTTP status, for whole requests and for the items of a $batch alike.</summary>
        public static string IdFor(int status) => status switch
        {
            401 => TenantErrorIds.AuthenticationFailed,
            403 => TenantErrorIds.PermissionMissing,
            404 => TenantErrorIds.NotFound,
            429 => TenantErrorIds.Throttled,
            _ when status >= 500 => TenantErrorIds.ServiceUnavailable,
            _ => TenantErrorIds.BadRequest,
        };

        private static PresenceSyncException FromStatus(int status, string? code, string message, object? target, string? consentUrl)
        {
            var id = IdFor(status);
            switch (id)
            {
                case TenantErrorIds.AuthenticationFailed:
                    return Fail(id, ErrorKind.AuthenticationError, $"Graph refused the token ({code}): {message}", target);
                case TenantErrorIds.PermissionMissing:
                    return Fail(id, ErrorKind.PermissionDenied, $"The app lacks a Graph permission for this call ({code}): {message}", target,
                        "Grant the app the permission and admin consent" + (consentUrl != null ? $": {consentUrl}" : " (Test-PresenceSyncApp shows which)."));
                case TenantErrorIds.NotFound:
                    return Fail(id, ErrorKind.ObjectNotFound, $"Graph did not find it ({code}): {message}", target);
                case TenantErrorIds.Throttled:
                    return Fail(id, ErrorKind.LimitsExceeded, $"Graph kept throttling after every retry ({code}): {message}", target,
                        "Lower the rate (Set-PresenceSyncApp -PresenceBudget) or wait; other apps in the tenant share nothing, this app spent its budget.");
                case TenantErrorIds.ServiceUnavailable:
                    return Fail(id, ErrorKind.ResourceUnavailable, $"Graph failed after every retry ({status} {code}): {message}", target,
                        "Microsoft Graph is having trouble; try again later.");
                default:
                    return Fail(id, ErrorKind.InvalidArgument, $"Graph refused the request ({status} {code}): {message}", target);
            }
        }

        /// <summary>The whole first line, however long: Entra's AADSTS text names the cause and the trace id
        /// an admin quotes to Microsoft support, and cutting it lost both.</summary>
        private static string FirstLine(string text) => text.Split('\n')[0].Trim();

        /// <summary>The first exception in the chain that says the network, not the credential, failed.</summary>
        private static Exception? NetworkCause(Exception ex)
        {
            for (var e = ex.InnerException; e != null; e = e.InnerException)
            {
                if (e is HttpRequestException || e is System.Net.Sockets.SocketException || e is System.Security.Authentication.AuthenticationException
                    || e is System.IO.IOException || e is TimeoutException || e is System.Threading.Tasks.TaskCanceledException)
                    return e;
                // MSAL reports an unreachable authority with its own codes, with or without an inner exception.
                var code = e.GetType().GetProperty("ErrorCode")?.GetValue(e) as string;
                if (code == "request_timeout" || code == "service_not_available") return e;
            }
            return null;
        }

        /// <summary>Every message of an exception chain, outermost first, without repeats.</summary>
        private static string Chain(Exception ex)
        {
            var parts = new System.Collections.Generic.List<string>();
            for (var e = ex; e != null; e = e.InnerException)
            {
                var line = e.Message.Trim();
                if (line.Length > 0 && !parts.Exists(p => p.Contains(line))) parts.Add(line);
            }
            return string.Join(" ", parts);
        }

        private static PresenceSyncException Fail(string id, ErrorKind kind, string message, object? target, string? remedy = null) =>
            EngineContext.Fail(id, kind, message, target, remedy);
    }
}
