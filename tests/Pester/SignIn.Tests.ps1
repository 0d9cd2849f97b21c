# Pester 5. A sign-in that never reaches Entra ID (nothing listens, or TLS fails) is a connection
# error, not a rejected credential, and its message is kept whole.

Describe 'Sign-in failures' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $script:savedSecret = $env:PRESENCESYNC_CLIENT_SECRET
        $env:PRESENCESYNC_CLIENT_SECRET = 'not-a-real-secret'

        function Get-TokenCheck([string] $AuthorityHost) {
            $clientId = [guid]::NewGuid().ToString()
            New-PresenceSyncApp -TenantId contoso.onmicrosoft.com -ClientId $clientId -SecretFromEnvironment -AuthorityHost $AuthorityHost -GraphBaseUrl $AuthorityHost -Force | Out-Null
            (Test-PresenceSyncApp -ClientId $clientId -WarningAction SilentlyContinue).Checks | Where-Object Check -EQ 'Token'
        }
    }

    AfterAll {
        $env:PRESENCESYNC_CLIENT_SECRET = $savedSecret
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    It 'reports GraphConnectionFailed when nothing listens at the authority host' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $token = Get-TokenCheck "https://127.0.0.1:$port/"
        "$($token.Status)" | Should -Be 'Failed'
        $token.Detail | Should -BeLike 'GraphConnectionFailed*'
        $token.Detail | Should -Not -BeLike '*GraphAuthenticationFailed*'
    }

    It 'reports GraphConnectionFailed, with the whole message, when TLS fails' {
        # A server that answers a TLS handshake with plain HTTP.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $server = Start-ThreadJob -ArgumentList $listener {
            param($listener)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline) {
                if (-not $listener.Pending()) { Start-Sleep -Milliseconds 20; continue }
                $client = $listener.AcceptTcpClient()
                $bytes = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 400 Bad Request`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
                try { $client.GetStream().Write($bytes, 0, $bytes.Length) } catch { }
                $client.Close()
            }
        }
        try {
            $token = Get-TokenCheck "https://127.0.0.1:$port/"
        }
        finally {
            $server | Stop-Job -PassThru | Remove-Job -Force
            $listener.Stop()
        }
        "$($token.Status)" | Should -Be 'Failed'
        $token.Detail | Should -BeLike 'GraphConnectionFailed*'
        $token.Detail.Length | Should -BeGreaterThan 0
        $token.Detail | Should -Not -Match '…$'
    }
}
