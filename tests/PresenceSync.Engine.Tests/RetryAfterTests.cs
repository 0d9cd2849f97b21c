using System;
using System.Net;
using System.Net.Http;
using PresenceSync.Engine.Graph;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class RetryAfterTests
    {
        [Theory]
        [InlineData("2.128", 2128)]
        [InlineData("3", 3000)]
        public void Retry_After_in_seconds_is_read_with_its_fraction_as_Graph_documents_it(string header, int milliseconds)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.TryAddWithoutValidation("Retry-After", header);
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), PacedRetryHandler.RetryAfter(response));
        }
    }
}
