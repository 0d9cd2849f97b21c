using System;
using System.Globalization;
using System.Management.Automation;

namespace PresenceSync.Commands.Binding
{
    /// <summary>
    /// Lets a TimeSpan parameter take what ConvertTo-Json | ConvertFrom-Json makes of a TimeSpan (an
    /// object with Ticks, Days, Hours ...), so an output piped back through JSON binds unchanged;
    /// PowerShell's binder refuses such an object.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is PSCustomObject && inputData is PSObject obj && obj.Properties["Ticks"]?.Value is object ticks)
                return new TimeSpan(Convert.ToInt64(ticks is PSObject t ? t.BaseObject : ticks, CultureInfo.InvariantCulture));
            return inputData;
        }
    }
}
