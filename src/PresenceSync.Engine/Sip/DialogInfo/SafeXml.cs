using System;
using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace PresenceSync.Engine.Sip.DialogInfo
{
    /// <summary>
    /// Reads XML bodies from the network with everything dangerous off: no DTD (so no entity
    /// expansion, "billion laughs", and no external entities), no resolver, and a cap on the
    /// characters read. Any failure is a <see cref="DialogInfoException"/>.
    /// </summary>
    internal static class SafeXml
    {
        public static XDocument Load(byte[] body, int maxCharacters)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = maxCharacters,
                MaxCharactersFromEntities = 0,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            };
            try
            {
                using var reader = XmlReader.Create(new MemoryStream(body, false), settings);
                return XDocument.Load(reader, LoadOptions.None);
            }
            catch (XmlException ex)
            {
                throw new DialogInfoException($"The body is not well-formed XML or is over the limits: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is System.Text.DecoderFallbackException)
            {
                throw new DialogInfoException($"The body cannot be read as XML: {ex.Message}", ex);
            }
        }
    }
}
