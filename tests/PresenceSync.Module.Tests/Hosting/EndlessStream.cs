using System;
using System.IO;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>A body of the given length that is produced as it is sent (nothing like it is ever held in memory).</summary>
    public sealed class EndlessStream : Stream
    {
        private readonly long _length;
        private long _position;
        public EndlessStream(long length) => _length = length;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - _position);
            Array.Fill(buffer, (byte)' ', offset, n);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
