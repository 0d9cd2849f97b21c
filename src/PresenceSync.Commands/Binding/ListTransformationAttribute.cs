using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace PresenceSync.Commands.Binding
{
    /// <summary>
    /// Lets a string[] parameter take one CSV cell such as "Sales;Support" or "smtp:a@x,SMTP:b@x":
    /// Import-Csv hands lists over as one string, and admins should not have to split them.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class ListTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var items = new List<string>();
            Collect(inputData, items);
            return items.ToArray();
        }

        private static void Collect(object? value, List<string> items)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            switch (value)
            {
                case null:
                    return;
                case string text:
                    items.AddRange(text.Split(new[] { ';', ',', '|' }, StringSplitOptions.RemoveEmptyEntries)
                        .Select(s => s.Trim()).Where(s => s.Length > 0));
                    return;
                case IEnumerable many:
                    foreach (var item in many) Collect(item, items);
                    return;
                default:
                    items.Add(value.ToString()!);
                    return;
            }
        }
    }
}
