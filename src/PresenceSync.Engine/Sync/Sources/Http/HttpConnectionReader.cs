using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// Reads requests off one connection: headers up to a size limit, then exactly Content-Length
    /// bytes of body. Bytes that arrived with the headers are the start of the body.
    /// </summary>
    internal sealed class HttpConnectionReader
    {
        private readonly Stream _stream;
        private readonly int _maxHeaderBytes;
        private byte[] _buffer = new byte[4096];
        private int _start, _end;

        public HttpConnectionReader(Stream stream, int maxHeaderBytes)
        {
            _stream = stream;
            _maxHeaderBytes = maxHeaderBytes;
        }

        /// <summary>Waits for the first byte of the next request; false when the client closed the connection.</summary>
        public async Task<bool> WaitForRequestAsync(CancellationToken ct)
        {
            if (_end > _start) return true;
            _start = _end = 0;
            var read = await _stream.ReadAsync(_buffer, 0, _buffer.Length, ct).ConfigureAwait(false);
            _end = read;
            return read > 0;
        }

        public async Task<HttpRequestHead> ReadHeadAsync(CancellationToken ct)
        {
            var scanned = _start;
            while (true)
            {
                for (var i = Math.Max(_start, scanned - 3); i + 3 < _end; i++)
                {
                    if (_buffer[i] != '\r' || _buffer[i + 1] != '\n' || _buffer[i + 2] != '\r' || _buffer[i + 3] != '\n') continue;
                    var head = HttpRequestHead.Parse(Slice(_start, i - _start), i - _start);
                    _start = i + 4;
                    return head;
                }
                scanned = _end;
                if (_end - _start >= _maxHeaderBytes) throw new HttpFault(431, "HeadersTooLarge", $"The request line and headers exceed {_maxHeaderBytes} bytes.");
                MakeRoom();
                var read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, ct).ConfigureAwait(false);
                if (read == 0) throw new HttpFault(400, "IncompleteRequest", "The connection closed in the middle of the headers.");
                _end += read;
            }
        }

        public async Task<byte[]> ReadBodyAsync(int length, CancellationToken ct)
        {
            var body = new byte[length];
            var have = Math.Min(length, _end - _start);
            Buffer.BlockCopy(_buffer, _start, body, 0, have);
            _start += have;
            while (have < length)
            {
                var read = await _stream.ReadAsync(body, have, length - have, ct).ConfigureAwait(false);
                if (read == 0) throw new HttpFault(400, "IncompleteBody", "The connection closed before the whole body arrived.");
                have += read;
            }
            return body;
        }

        private byte[] Slice(int from, int length)
        {
            var bytes = new byte[length];
            Buffer.BlockCopy(_buffer, from, bytes, 0, length);
            return bytes;
        }

        private void MakeRoom()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, Math.Min(_maxHeaderBytes + 4, _buffer.Length * 2));
        }
    }
}
