using Microsoft.AspNetCore.Builder;

namespace PresenceSync.Emulator.Http;

internal static class GraphOperationExtensions
{
    public static RouteHandlerBuilder Graph(this RouteHandlerBuilder builder, GraphOperation operation) =>
        builder.WithMetadata(operation);
}
