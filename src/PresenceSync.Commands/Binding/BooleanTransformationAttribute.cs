using System;
using System.Management.Automation;

namespace PresenceSync.Commands.Binding
{
    /// <summary>
    /// Lets a bool parameter take the text a CSV holds ("TRUE", "False", "yes", "0"): PowerShell's
    /// own binder refuses strings for bool parameters, and casting would make "False" true.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class BooleanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is string text)
            {
                switch (text.Trim().ToLowerInvariant())
                {
                    case "true": case "yes": case "1": case "enabled": case "y": return true;
                    case "false": case "no": case "0": case "disabled": case "n": return false;
                    case "": return true;
                }
                throw new ArgumentTransformationMetadataException($"'{text}' is not true or false.");
            }
            return inputData;
        }
    }
}
