using System;
using System.Linq;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Engine.Graph;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>
    /// Issue 8: TeamsWriter.ErrorFor copied GraphErrorTranslator.FromStatus, so a status could mean
    /// one error id for a write and another for a read. Now one table (GraphErrorTranslator.IdFor)
    /// serves whole requests and $batch items alike, and no copy is left in the engine.
    /// </summary>
    public class ErrorTranslatorTests
    {
        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(409)]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(503)]
        public void A_failed_request_and_a_failed_batch_item_with_one_status_get_one_error_id(int status)
        {
            var request = GraphErrorTranslator.Translate(new ODataError { ResponseStatusCode = status, Error = new MainError { Code = "x", Message = "m" } }, null);
            Assert.Equal(GraphErrorTranslator.IdFor(status), request.Error.ErrorId);
        }

        [Fact]
        public void No_other_engine_type_maps_statuses_to_errors()
        {
            var engine = typeof(GraphErrorTranslator).Assembly;
            var copies = engine.GetTypes()
                .Where(t => t != typeof(GraphErrorTranslator))
                .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                    .Where(m => (m.Name == "ErrorFor" || m.Name == "FromStatus" || m.Name == "IdFor") && m.GetParameters().Any(p => p.ParameterType == typeof(int)))
                    .Select(m => $"{t.FullName}.{m.Name}"))
                .ToList();
            Assert.Empty(copies);
            Assert.Null(engine.GetTypes().FirstOrDefault(t => t.Name == "TeamsWriter"));
        }
    }
}
