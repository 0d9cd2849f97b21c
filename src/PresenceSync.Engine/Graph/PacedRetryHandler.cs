using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// Sits in front of the network for every Graph request: paces presence calls under the
    /// budget, waits out 429 (Retry-After when given, else exponential backoff) and retries 5xx
    /// with backoff, counting all of it. It replaces the SDK's own RetryHandler, whose three tries
    /// and silent waits would hide throttling from the status and benchmark numbers.
    /// </summary>
    internal sealed class PacedRetryHandler : DelegatingHandler
    {
        private readonly PresenceBudget _budget;
        private readonly GraphStatistics _statistics;
        private readonly RetryPolicy _policy;

        public PacedRetryHandler(PresenceBudget budget, GraphStatistics statistics, RetryPolicy policy)
        {
            _budget = budget;
            _statistics = statistics;
            _policy = policy;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var presence = IsPresenceCall(request.RequestUri);
            var body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            for (var attempt = 0; ; attempt++)
            {
                if (presence) _statistics.Waited(await _budget.TakeAsync(cancellationToken).ConfigureAwait(false));
                var message = attempt == 0 ? request : Clone(request, body);
                _statistics.Request(presence);
                var response = await base.SendAsync(message, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                int allowed;
                if (status == 429) { _statistics.Throttle(); allowed = _policy.MaxThrottleRetries; }
                else if (status >= 500) { _statistics.ServerError(); allowed = _policy.MaxServerErrorRetries; }
                else return response;
                if (attempt >= allowed) return response;

                var delay = _policy.Delay(attempt, RetryAfter(response));
                response.Dispose();
                _statistics.Retry();
                _statistics.Waited(delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        internal static bool IsPresenceCall(Uri? uri)
        {
            var path = uri?.AbsolutePath ?? string.Empty;
            return path.IndexOf("/presence", StringComparison.OrdinalIgnoreCase) >= 0
                || path.IndexOf("/getPresencesByUserId", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        internal static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta) return delta;
            if (header?.Date is DateTimeOffset date) return date - DateTimeOffset.UtcNow;
            // Graph documents fractional seconds ("2.128"), which .NET's typed header does not parse.
            if (response.Headers.TryGetValues("Retry-After", out var values)
                && double.TryParse(System.Linq.Enumerable.FirstOrDefault(values), System.Globalization.NumberStyles.AllowDecimalPoint,
                    System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                return TimeSpan.FromSeconds(seconds);
            return null;
        }

        private static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? body)
        {
            var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (var header in request.Headers) clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
#pragma warning disable CS0618 // Properties carry the SDK's per-request options; netstandard2.0 has no Options.
            foreach (var property in request.Properties) clone.Properties[property.Key] = property.Value;
#pragma warning restore CS0618
            if (body != null)
            {
                clone.Content = new ByteArrayContent(body);
                foreach (var header in request.Content!.Headers) clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            return clone;
        }
    }
}
