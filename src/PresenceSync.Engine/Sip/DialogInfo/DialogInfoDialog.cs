namespace PresenceSync.Engine.Sip.DialogInfo
{
    /// <summary>One &lt;dialog&gt; element (RFC 4235 section 4.1.2): its id, state, direction and parties.</summary>
    internal sealed class DialogInfoDialog
    {
        public string Id { get; set; } = string.Empty;
        public string? CallId { get; set; }
        public string? LocalTag { get; set; }
        public string? RemoteTag { get; set; }
        public DialogDirection Direction { get; set; }
        public DialogState State { get; set; }

        /// <summary>The &lt;state event="..."&gt; attribute: why it ended (cancelled, rejected, replaced, local-bye, remote-bye, ...).</summary>
        public string? StateEvent { get; set; }

        /// <summary>&lt;local&gt;&lt;identity&gt; (section 4.1.6.1): the watched party's URI in this dialog.</summary>
        public string? LocalIdentity { get; set; }

        /// <summary>&lt;remote&gt;&lt;identity&gt;: the other party (who calls, or who is called).</summary>
        public string? RemoteIdentity { get; set; }
        public string? RemoteDisplay { get; set; }

        /// <summary>&lt;remote&gt;&lt;target uri&gt; (section 4.1.6.2).</summary>
        public string? RemoteTarget { get; set; }

        public override string ToString() => $"{Id} {State} {Direction} {RemoteIdentity}";
    }
}
