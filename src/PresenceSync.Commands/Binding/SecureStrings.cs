using System;
using System.Runtime.InteropServices;
using System.Security;

namespace PresenceSync.Commands.Binding
{
    /// <summary>Unwraps a SecureString for the one call that needs it; the unmanaged copy is zeroed at once.</summary>
    internal static class SecureStrings
    {
        public static string? ToPlain(SecureString? value)
        {
            if (value == null) return null;
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
