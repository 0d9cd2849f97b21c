using System.IO;
using System.Linq;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>
    /// A kamailio.cfg that makes Kamailio act as a PBX's presence side: registrar (usrloc), a
    /// stateful proxy between registered extensions (and to a gateway for numbers starting with 0),
    /// the dialog module tracking every call, pua_dialoginfo PUBLISHing each call's dialog state
    /// for caller and callee, and presence + presence_dialoginfo answering SUBSCRIBE for the dialog
    /// event package and sending NOTIFYs. Everything is in memory (db_text only because presence
    /// insists on a database URL). SUBSCRIBE may require digest authentication.
    /// </summary>
    public sealed class KamailioConfig
    {
        public const string Domain = "pbx.test";

        public int Port { get; set; }
        public string Folder { get; set; } = "";

        /// <summary>Null: no authentication; else "MD5" or "SHA-256" on SUBSCRIBE.</summary>
        public string? AuthAlgorithm { get; set; }
        public string AuthUser { get; set; } = "presencesync";
        public string Password { get; set; } = "s3cret-pw";

        /// <summary>Where calls to numbers starting with 0 go (the outside world); 0 = nowhere.</summary>
        public int GatewayPort { get; set; }

        /// <summary>
        /// Worker processes. One by default: with several, Kamailio 5.6's pua/presence race on a
        /// caller's quick trying-early-confirmed PUBLISHes (a dialog can stay "early" in its state
        /// until the publication expires) and its workers send NOTIFYs out of CSeq order. The source
        /// copes with the second (it refreshes for full state) but no client can see through the first.
        /// </summary>
        public int Children { get; set; } = 1;

        /// <summary>
        /// RFC 4662 resource lists served by Kamailio's rls module: list user (sip:&lt;name&gt;@pbx.test)
        /// to its extensions. rls finds a list in the rls-services document of the subscribing user
        /// (AuthUser@pbx.test), read from the xcap table (integrated XCAP server mode).
        /// </summary>
        public System.Collections.Generic.Dictionary<string, string[]> ResourceLists { get; } = new System.Collections.Generic.Dictionary<string, string[]>();

        public void Write()
        {
            var db = Path.Combine(Folder, "db");
            Directory.CreateDirectory(db);
            // db_text tables the presence modules open at start (schema lines as Kamailio 5.x ships them).
            File.WriteAllText(Path.Combine(db, "version"), "table_name(string) table_version(int) \npresentity:5\nactive_watchers:12\nwatchers:3\npua:7\nxcap:4\nrls_presentity:1\nrls_watchers:3\n");
            File.WriteAllText(Path.Combine(db, "presentity"), "id(int,auto) username(string) domain(string) event(string) etag(string) expires(int) received_time(int) body(string) sender(string) priority(int) ruid(string,null) \n");
            File.WriteAllText(Path.Combine(db, "active_watchers"), "id(int,auto) presentity_uri(string) watcher_username(string) watcher_domain(string) to_user(string) to_domain(string) event(string) event_id(string,null) to_tag(string) from_tag(string) callid(string) local_cseq(int) remote_cseq(int) contact(string) record_route(string,null) expires(int) status(int) reason(string,null) version(int) socket_info(string) local_contact(string) from_user(string) from_domain(string) updated(int) updated_winfo(int) flags(int) user_agent(string,null) \n");
            File.WriteAllText(Path.Combine(db, "watchers"), "id(int,auto) presentity_uri(string) watcher_username(string) watcher_domain(string) event(string) status(int) reason(string,null) inserted_time(int) \n");
            File.WriteAllText(Path.Combine(db, "pua"), "id(int,auto) pres_uri(string) pres_id(string) event(int) expires(int) desired_expires(int) flag(int) etag(string) tuple_id(string,null) watcher_uri(string) call_id(string) to_tag(string) from_tag(string) cseq(int) record_route(string,null) contact(string) remote_contact(string) version(int) extra_headers(string) \n");
            var xcap = "id(int,auto) username(string) domain(string) doc(string) doc_type(int) etag(string) source(int) doc_uri(string) port(int) \n";
            if (ResourceLists.Count > 0)
            {
                // One rls-services document (XCAP doc_type 8) of the subscribing user; db_text escapes ':' in values.
                var services = string.Concat(ResourceLists.Select(l => $"<service uri=\"sip:{l.Key}@{Domain}\"><list>" +
                    string.Concat(l.Value.Select(e => $"<rl:entry uri=\"sip:{e}@{Domain}\"/>")) + "</list><packages><package>dialog</package></packages></service>"));
                var doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\" " +
                          "xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\">" + services + "</rls-services>";
                xcap += $"1:{AuthUser}:{Domain}:{doc.Replace(":", "\\:")}:8:e1:1:rls-services/users/{AuthUser}/index:0\n";
            }
            File.WriteAllText(Path.Combine(db, "xcap"), xcap);
            // rls writes NULL reasons, which the shipped schema forbids.
            File.WriteAllText(Path.Combine(db, "rls_presentity"), "id(int,auto) rlsubs_did(string) resource_uri(string) content_type(string) presence_state(string) expires(int) updated(int) auth_state(int) reason(string,null) \n");
            File.WriteAllText(Path.Combine(db, "rls_watchers"), "id(int,auto) presentity_uri(string) to_user(string) to_domain(string) watcher_username(string) watcher_domain(string) event(string) event_id(string,null) to_tag(string) from_tag(string) callid(string) local_cseq(int) remote_cseq(int) contact(string) record_route(string,null) expires(int) status(int) reason(string,null) version(int) socket_info(string) local_contact(string) from_user(string) from_domain(string) updated(int) \n");
            File.WriteAllText(Path.Combine(Folder, "kamailio.cfg"), Render(db));
        }

        private string Render(string db)
        {
            var lists = ResourceLists.Count > 0;
            var auth = AuthAlgorithm == null ? "" : $@"
    if (is_method(""SUBSCRIBE"") && !($si == ""127.0.0.1"" && $sp == {Port})) {{
        if (!pv_proxy_authenticate(""{Domain}"", ""{Password}"", ""0"")) {{ xlog(""L_INFO"", ""CHALLENGE $ru\n""); proxy_challenge(""{Domain}"", ""1""); exit; }}
        if ($au != ""{AuthUser}"") {{ sl_send_reply(""403"", ""Forbidden""); exit; }}
        xlog(""L_INFO"", ""AUTHORIZED $hdr(Proxy-Authorization)\n"");
        consume_credentials();
    }}";
            var gateway = GatewayPort == 0 ? "" : $@"
        if ($rU =~ ""^0"") {{ $du = ""sip:127.0.0.1:{GatewayPort}""; t_relay(); exit; }}";
            return $@"#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children={Children}
tcp_children={Children}
listen=udp:127.0.0.1:{Port}
listen=tcp:127.0.0.1:{Port}
alias=""{Domain}""
auto_aliases=no
mpath=""{SipTools.KamailioModules}/""
loadmodule ""db_text.so""
loadmodule ""tm.so""
loadmodule ""sl.so""
loadmodule ""rr.so""
loadmodule ""pv.so""
loadmodule ""maxfwd.so""
loadmodule ""textops.so""
loadmodule ""siputils.so""
loadmodule ""xlog.so""
loadmodule ""usrloc.so""
loadmodule ""registrar.so""
loadmodule ""auth.so""
loadmodule ""dialog.so""
loadmodule ""presence.so""
loadmodule ""presence_dialoginfo.so""
loadmodule ""pua.so""
loadmodule ""pua_dialoginfo.so""
modparam(""usrloc"", ""db_mode"", 0)
modparam(""dialog"", ""dlg_flag"", 4)
modparam(""presence"", ""db_url"", ""text://{db}"")
modparam(""presence"", ""subs_db_mode"", 0)
modparam(""presence"", ""publ_cache"", 2)
modparam(""presence"", ""server_address"", ""sip:127.0.0.1:{Port}"")
modparam(""pua"", ""db_url"", ""text://{db}"")
modparam(""pua"", ""db_mode"", 0)
modparam(""pua"", ""outbound_proxy"", ""sip:127.0.0.1:{Port}"")
modparam(""pua_dialoginfo"", ""include_localremote"", 1)
modparam(""auth"", ""algorithm"", ""{AuthAlgorithm ?? "MD5"}"")
{(lists ? $@"loadmodule ""rls.so""
modparam(""rls"", ""db_url"", ""text://{db}"")
modparam(""rls"", ""db_mode"", 0)
modparam(""rls"", ""integrated_xcap_server"", 1)
modparam(""rls"", ""rls_event"", ""dialog"")
modparam(""rls"", ""server_address"", ""sip:rls@127.0.0.1:{Port}"")
modparam(""rls"", ""outbound_proxy"", ""sip:127.0.0.1:{Port}"")
modparam(""rls"", ""to_presence_code"", 10)
modparam(""rls"", ""waitn_time"", 1)
modparam(""rls"", ""notifier_poll_rate"", 10)
" : "")}
request_route {{
    if (!mf_process_maxfwd_header(""10"")) {{ sl_send_reply(""483"", ""Too Many Hops""); exit; }}
    if (is_method(""OPTIONS"") && uri==myself && $rU == $null) {{ sl_send_reply(""200"", ""OK""); exit; }}
    if (has_totag()) {{
        if (loose_route()) {{ t_relay(); exit; }}
        if (is_method(""SUBSCRIBE"") && uri==myself) {{ route(PRESENCE); exit; }}{(lists ? @"
        if (is_method(""NOTIFY"")) { if (!t_newtran()) { sl_reply_error(); exit; } rls_handle_notify(); exit; }" : "")}
        if (is_method(""ACK"")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
        sl_send_reply(""404"", ""Not here""); exit;
    }}
    if (is_method(""CANCEL"")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
    if (is_method(""REGISTER"")) {{ save(""location""); exit; }}
    if (is_method(""PUBLISH|SUBSCRIBE"")) {{ route(PRESENCE); exit; }}
    if (is_method(""INVITE"")) {{
        record_route();
        setflag(4);{gateway}
        if (!lookup(""location"")) {{ sl_send_reply(""404"", ""Not Found""); exit; }}
        t_relay(); exit;
    }}
    sl_send_reply(""405"", ""Method Not Allowed"");
}}

route[PRESENCE] {{{auth}
    if (!t_newtran()) {{ sl_reply_error(); exit; }}
    if (is_method(""PUBLISH"")) {{ handle_publish(); }} else {{ {(lists ? @"$var(list) = rls_handle_subscribe(); if ($var(list) == 10) { handle_subscribe(); }" : "handle_subscribe();")} }}
    t_release();
    exit;
}}
";
        }
    }
}
