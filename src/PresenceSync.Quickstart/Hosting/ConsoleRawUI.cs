using System;
using System.Management.Automation.Host;

namespace PresenceSync.Quickstart.Hosting
{
    /// <summary>Only what table formatting asks for (the width); output may be a pipe, not a console.</summary>
    internal sealed class ConsoleRawUI : PSHostRawUserInterface
    {
        private const int Width = 160;

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Size BufferSize { get => new Size(Width, 9999); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(Width, 9999);
        public override Size MaxWindowSize => new Size(Width, 9999);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => new Size(Width, 50); set { } }
        public override string WindowTitle { get; set; } = "PresenceSync";

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
