# Pester 5 (5.1 or later). The SIP source's cmdlets: New-, Get-, Set-, Remove-PresenceSipSource offline,
# and Test-PresenceSipSource against a Kamailio the test starts on loopback (skipped when kamailio is
# not installed; .ci/run installs it). The same workflows as tests/PresenceSync.Module.Tests/SipSourceTests.cs.

BeforeDiscovery {
    $hasKamailio = [bool](Get-Command kamailio -ErrorAction SilentlyContinue) -or (Test-Path /usr/sbin/kamailio)
}

Describe 'SIP sources' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $password = 'Sip-Pa55-word!'
        $credential = [pscredential]::new('presencesync', [System.Net.NetworkCredential]::new('', $password).SecurePassword)
    }

    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    It 'records a source and never stores or shows its password' {
        $source = New-PresenceSipSource -Registrar pbx.example:5070 -Credential $credential -StateMap @{ Dialing = '' } -WarningAction SilentlyContinue
        $source.Registrar | Should -Be 'sip:pbx.example:5070'
        $source.Transport | Should -Be 'Udp'
        $source.StateMap['Dialing'] | Should -Be ''
        (Get-PresenceSipSource | Format-List * | Out-String) | Should -Not -BeLike "*$password*"
        [System.IO.File]::ReadAllText((Get-PresenceSyncStore).Path) | Should -Not -BeLike "*$password*"
    }

    It 'refuses bad settings with stable ids and keeps the source as it was' {
        { New-PresenceSipSource -Registrar 'sips:pbx.example' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSipRegistrar*'
        { Set-PresenceSipSource -StateMap @{ Talking = 'x' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSipStateMap*'
        { New-PresenceSipSource -Registrar other.example -ErrorAction Stop } | Should -Throw -ErrorId 'SipSourceExists*'
        (Get-PresenceSipSource).Registrar | Should -Be 'sip:pbx.example:5070'
    }

    It 'changes a source, and -WhatIf changes nothing' {
        Set-PresenceSipSource -Transport Tcp -WhatIf
        (Get-PresenceSipSource).Transport | Should -Be 'Udp'
        (Set-PresenceSipSource -Transport Tcp -Expires 1800 -PassThru).Expires | Should -Be 1800
    }

    It 'removes a source' {
        Remove-PresenceSipSource -Confirm:$false
        Get-PresenceSipSource | Should -BeNullOrEmpty
    }

    It 'tests the subscriptions at a real PBX' -Skip:(-not $hasKamailio) {
        # A minimal Kamailio presence server on a free loopback port (the xunit tests generate a fuller one).
        $port = Get-Random -Minimum 20000 -Maximum 40000
        $dir = Join-Path $TestDrive 'kamailio'
        New-Item -ItemType Directory -Path (Join-Path $dir 'db') | Out-Null
        Copy-Item /usr/share/kamailio/dbtext/kamailio/version, /usr/share/kamailio/dbtext/kamailio/presentity,
            /usr/share/kamailio/dbtext/kamailio/active_watchers, /usr/share/kamailio/dbtext/kamailio/watchers,
            /usr/share/kamailio/dbtext/kamailio/pua, /usr/share/kamailio/dbtext/kamailio/xcap -Destination (Join-Path $dir 'db')
        $modules = (Get-ChildItem /usr/lib/*/kamailio/modules/tm.so | Select-Object -First 1).DirectoryName
        @"
listen=udp:127.0.0.1:$port
alias="pbx.test"
mpath="$modules/"
loadmodule "db_text.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "textops.so"
loadmodule "presence.so"
loadmodule "presence_dialoginfo.so"
modparam("presence", "db_url", "text://$dir/db")
modparam("presence", "subs_db_mode", 0)
modparam("presence", "publ_cache", 2)
request_route {
    if (is_method("SUBSCRIBE")) { if (!t_newtran()) { sl_reply_error(); exit; } handle_subscribe(); t_release(); exit; }
    sl_send_reply("405", "Method Not Allowed");
}
"@ | Set-Content (Join-Path $dir 'kamailio.cfg')
        $kamailio = Start-Process kamailio -ArgumentList '-f', (Join-Path $dir 'kamailio.cfg'), '-DD', '-E', '-Y', $dir -PassThru -RedirectStandardError (Join-Path $dir 'log')
        try {
            Start-Sleep -Seconds 2
            Import-PresenceAgent -AgentId 1001 -Extension 101 -Email agent1001@contoso.test
            Import-PresenceTeamsUser -Id ([guid]::NewGuid()) -UserPrincipalName agent1001@contoso.test
            Add-PresenceUserMapping -AgentId 1001 -TeamsUser agent1001@contoso.test | Out-Null
            New-PresenceSipSource -Registrar "sip:127.0.0.1:$port" -Domain pbx.test -LocalAddress 127.0.0.1 | Out-Null
            $result = Test-PresenceSipSource -Extension 101 -Timeout 00:00:15
            $result.Subscribed | Should -BeTrue
            $result.LineState | Should -Be 'Idle'
        }
        finally {
            & kill $kamailio.Id   # SIGTERM: Kamailio stops its children too
            if ($result -and -not $result.Subscribed) { Get-Content (Join-Path $dir 'log') -Tail 30 | Write-Host }
        }
    }
}
