# Pester 5 (5.1 or later). Connecting a tenant, against the PresenceSync Graph emulator started as a process
# of its own ('dotnet run' builds it first, which can take a minute): the workflows of
# tests/PresenceSync.Module.Tests/TenantTests.cs. Needs PowerShell 7 and the .NET SDK; skipped without them.

BeforeDiscovery {
    $canRun = $PSVersionTable.PSEdition -eq 'Core' -and [bool](Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'Connecting a tenant' -Skip:(-not $canRun) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        # Secrets kept at rest (keyring entries' marker files, or owner-only files) go to the test drive, not the profile.
        $savedSecretPath = $env:PRESENCESYNC_SECRET_PATH
        $env:PRESENCESYNC_SECRET_PATH = Join-Path $TestDrive 'secrets'

        # The emulator prints one JSON line on stdout (its connection) and serves until its stdin closes.
        # Stderr carries its log: it is read and dropped so that the emulator never blocks on a full pipe.
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in 'run', '--project', (Join-Path $PSScriptRoot '../../src/PresenceSync.Emulator'), '--',
            '--port', '0', '--users', '2000', '--device-code-interval', '1', '--exit-on-stdin-close') { $start.ArgumentList.Add($argument) }
        $start.UseShellExecute = $false
        $start.RedirectStandardInput = $start.RedirectStandardOutput = $start.RedirectStandardError = $true
        $emulator = [System.Diagnostics.Process]::Start($start)
        $emulator.BeginErrorReadLine()
        $read = $emulator.StandardOutput.ReadLineAsync()
        if (-not $read.Wait([timespan]::FromMinutes(5)) -or -not $read.Result) { throw 'The Graph emulator did not start (dotnet run printed no connection line).' }
        $line = $read.Result
        $connection = $line | ConvertFrom-Json

        $endpoint = @{ AuthorityHost = $connection.authorityHost; GraphBaseUrl = $connection.graphBaseUrl; ServerCertificateThumbprint = $connection.certificateThumbprint }
        $secure = [System.Net.NetworkCredential]::new('', $connection.clientSecret).SecurePassword

        # The control API of the emulator (counts, faults, revocations; no token). -SkipCertificateCheck is
        # for this test only, because the emulator serves a self-signed certificate; the module itself trusts
        # exactly that certificate through -ServerCertificateThumbprint, never any certificate.
        function Invoke-Control([string] $Method, [string] $Path, $Body) {
            $request = @{ Method = $Method; Uri = $connection.controlUrl + $Path; SkipCertificateCheck = $true }
            if ($null -ne $Body) { $request.Body = $Body | ConvertTo-Json -Compress; $request.ContentType = 'application/json' }
            Invoke-RestMethod @request
        }

        function Get-RequestCount([string] $Endpoint) { [long] (Invoke-Control GET /stats).byEndpoint.$Endpoint }

        # Records the emulator's pre-registered app for the Default unit, with its client secret.
        function Connect-Emulator([string] $Secret, [string] $TenantId, [hashtable] $More = @{}) {
            if (-not $Secret) { $Secret = $connection.clientSecret }
            if (-not $TenantId) { $TenantId = $connection.tenantId }
            $key = [System.Net.NetworkCredential]::new('', $Secret).SecurePassword
            New-PresenceSyncApp -TenantId $TenantId -ClientId $connection.clientId -ClientSecret $key @endpoint @More -WarningAction SilentlyContinue
        }

        function Use-FreshStore { Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N'))) }

        # An administrator signing in by device code: a background runspace approves the first pending code
        # through the control API, as user0001 would in a browser (again trusting the test certificate).
        function Start-Approver {
            $shell = [powershell]::Create([initialsessionstate]::CreateDefault2()).AddScript({
                    param([string] $ControlUrl)
                    $handler = [System.Net.Http.HttpClientHandler]::new()
                    $handler.ServerCertificateCustomValidationCallback = [System.Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
                    $http = [System.Net.Http.HttpClient]::new($handler)
                    for ($i = 0; $i -lt 600; $i++) {
                        $pending = @([System.Text.Json.JsonDocument]::Parse($http.GetStringAsync("$ControlUrl/devicecodes").Result).RootElement.EnumerateArray())
                        if ($pending.Count -gt 0) {
                            $body = '{{"userCode":"{0}","user":"user0001@contoso.test"}}' -f $pending[0].GetProperty('userCode').GetString()
                            $null = $http.PostAsync("$ControlUrl/devicecodes/approve", [System.Net.Http.StringContent]::new($body, [System.Text.Encoding]::UTF8, 'application/json')).Result
                            return
                        }
                        [System.Threading.Thread]::Sleep(200)
                    }
                }).AddArgument($connection.controlUrl)
            $null = $shell.BeginInvoke()
            $shell
        }
    }

    AfterAll {
        $env:PRESENCESYNC_SECRET_PATH = $savedSecretPath
        # Removing the module releases the pooled SQLite connections that keep the store files open.
        Remove-Module PresenceSync -ErrorAction Ignore
        if ($emulator) {
            $emulator.StandardInput.Close()
            if (-not $emulator.WaitForExit(15000)) { $emulator.Kill($true) }
            $emulator.Dispose()
        }
    }

    Context 'Directory sync and presence reads' {
        BeforeAll {
            Use-FreshStore
            $app = Connect-Emulator
            $first = Sync-PresenceTeamsUser -WarningAction SilentlyContinue
            1..1000 | ForEach-Object { [pscustomobject]@{ AgentId = "A$_"; Email = ('user{0:0000}@contoso.test' -f $_) } } | Import-PresenceAgent
            $mapped = @(Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue)
        }

        It 'records the app, with where its secret is kept, and reads the whole directory the first time' {
            $app | Should -BeOfType ([PresenceSync.Engine.Tenant.PresenceSyncApp])
            (Get-PresenceSyncApp).TenantId | Should -Be $connection.tenantId
            "$($app.SecretStorage)" | Should -BeIn $(if ($IsWindows) { @('Dpapi') } elseif ($IsMacOS) { @('Keychain', 'OwnerOnlyFile') } else { @('Keyring', 'OwnerOnlyFile') })
            $first | Should -BeOfType ([PresenceSync.Engine.TeamsDirectory.DirectorySyncResult])
            $first.Mode | Should -Be 'Full'
            $first.Stored | Should -Be 2000
            $first.Disabled | Should -Be 285
            @(Get-PresenceTeamsUser).Count | Should -Be 2000
        }

        It 'maps the agents whose account is enabled (every 7th seeded user is disabled)' {
            $mapped.Count | Should -Be 858
        }

        It 'reads the presence of every mapped agent in ceil(N/650) requests' {
            Invoke-Control POST /stats/reset | Out-Null
            $presence = @(Get-PresenceTeamsPresence)
            $presence.Count | Should -Be $mapped.Count
            $presence[0] | Should -BeOfType ([PresenceSync.Engine.Presence.TeamsPresence])
            Get-RequestCount 'POST /communications/getPresencesByUserId' | Should -Be ([math]::Ceiling($mapped.Count / 650))
        }

        It 'reads the agents of piped mappings, and reports agents that are not mapped' {
            @(Get-PresenceUserMapping -AgentId 'A1?' | Get-PresenceTeamsPresence) | Should -HaveCount 9
            $read = @('A1', 'A7', 'NoSuchAgent' | Get-PresenceTeamsPresence -ErrorVariable err -ErrorAction SilentlyContinue)
            $read.AgentId | Should -Be 'A1'
            @($err | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be @('TeamsUserNotMapped', 'TeamsUserNotMapped')
        }

        It 'reads only the changes next time, and warns about mappings to disabled users' {
            Add-PresenceUserMapping -AgentId A7 -TeamsUser user0007@contoso.test | Out-Null
            $delta = Sync-PresenceTeamsUser -WarningVariable warned -WarningAction SilentlyContinue
            $delta.Mode | Should -Be 'Delta'
            $delta.MappingsAffected | Should -Be 1
            ($warned -join "`n") | Should -BeLike "*'A7'*disabled*"
            (Sync-PresenceTeamsUser -Full -WarningAction SilentlyContinue).Mode | Should -Be 'Full'
        }
    }

    Context 'Setting presence' {
        BeforeAll {
            Use-FreshStore
            Connect-Emulator | Out-Null
            Sync-PresenceTeamsUser -WarningAction SilentlyContinue | Out-Null
            Import-PresenceAgent -AgentId X1 -Email user0002@contoso.test
            Add-PresenceUserMapping -Auto | Out-Null
        }

        It 'sets the app''s session of a mapped agent and clears it again' {
            Set-PresenceTeamsPresence -AgentId X1 -Availability Busy -Activity InACall -Expiration 00:30:00
            $shown = Get-PresenceTeamsPresence -AgentId X1
            $shown.Availability | Should -Be 'Busy'
            $shown.Activity | Should -Be 'InACall'
            Set-PresenceTeamsPresence -AgentId X1 -Clear
            (Get-PresenceTeamsPresence X1).Activity | Should -Not -Be 'InACall'
        }

        It 'sets and clears the preferred presence of any Teams user' {
            Set-PresenceTeamsPresence -TeamsUser user0003@contoso.test -Availability BeRightBack -Preferred
            (Invoke-Control GET '/users/user0003@contoso.test/presence').preferred.availability | Should -Be 'BeRightBack'
            Set-PresenceTeamsPresence -TeamsUser user0003@contoso.test -Clear -Preferred
            (Invoke-Control GET '/users/user0003@contoso.test/presence').preferred | Should -BeNullOrEmpty
        }

        It 'refuses <Case> with <ErrorId> before any request' -ForEach @(
            @{ Case = 'a pair setPresence does not accept'; Arguments = @{ Availability = 'Busy'; Activity = 'InAMeeting' }; ErrorId = 'InvalidPresenceTarget' }
            @{ Case = 'Busy alone (Busy/Busy) as a session'; Arguments = @{ Availability = 'Busy' }; ErrorId = 'InvalidPresenceTarget' }
            @{ Case = 'a session pair as preferred presence'; Arguments = @{ Availability = 'Busy'; Activity = 'InACall'; Preferred = $true }; ErrorId = 'InvalidPresenceTarget' }
            @{ Case = 'a session of 5 hours'; Arguments = @{ Availability = 'Away'; Activity = 'Away'; Expiration = [timespan]'05:00:00' }; ErrorId = 'InvalidPresenceExpiration' }
            @{ Case = '-Expiration without a presence'; Arguments = @{ Clear = $true; Expiration = [timespan]'00:30:00' }; ErrorId = 'InvalidPresenceExpiration' }
            @{ Case = '-Clear together with -Availability'; Arguments = @{ Availability = 'Away'; Activity = 'Away'; Clear = $true }; ErrorId = 'ConflictingPresenceRequest' }
            @{ Case = 'nothing to set'; Arguments = @{}; ErrorId = 'NothingToSet' }
        ) {
            Invoke-Control POST /stats/reset | Out-Null
            Set-PresenceTeamsPresence -AgentId X1 @Arguments -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
            (Invoke-Control GET /stats).totalRequests | Should -Be 0
        }

        It 'sends nothing with -WhatIf, and goes on with the next user after NothingToSet' {
            Invoke-Control POST /stats/reset | Out-Null
            Set-PresenceTeamsPresence -AgentId X1 -Availability Busy -Activity InACall -WhatIf
            (Invoke-Control GET /stats).presenceWrites | Should -Be 0
            # Non-terminating: the second piped user is still set.
            [pscustomobject]@{ AgentId = 'X1' }, [pscustomobject]@{ AgentId = 'X1'; StatusMessage = 'Back at 2 pm' } |
                ForEach-Object { Set-PresenceTeamsPresence -AgentId $_.AgentId -StatusMessage $_.StatusMessage -ErrorVariable +err -ErrorAction SilentlyContinue }
            @($err | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be @('NothingToSet')
            (Invoke-Control GET '/users/user0002@contoso.test/presence').statusMessage.content | Should -Be 'Back at 2 pm'
        }

        It 'sets only the status message with -Preferred -StatusMessage, and keeps the preferred presence' {
            Set-PresenceTeamsPresence -TeamsUser user0004@contoso.test -Availability DoNotDisturb -Preferred
            Set-PresenceTeamsPresence -TeamsUser user0004@contoso.test -Preferred -StatusMessage 'Focus time'
            $shown = Invoke-Control GET '/users/user0004@contoso.test/presence'
            $shown.preferred.availability | Should -Be 'DoNotDisturb'
            $shown.statusMessage.content | Should -Be 'Focus time'
            Set-PresenceTeamsPresence -TeamsUser user0004@contoso.test -Preferred -Clear
        }

        It 'retries a throttling storm and a burst of server errors to completion' {
            Invoke-Control POST /stats/reset | Out-Null
            Invoke-Control POST /faults @{ kind = 'throttle'; pathContains = 'getPresencesByUserId'; count = 2; retryAfterSeconds = 1 } | Out-Null
            Invoke-Control POST /faults @{ kind = 'serverError'; pathContains = 'getPresencesByUserId'; count = 2; status = 503 } | Out-Null
            @(Get-PresenceTeamsPresence X1) | Should -HaveCount 1
            (Invoke-Control GET /stats).throttled | Should -Be 2
            Get-RequestCount 'POST /communications/getPresencesByUserId' | Should -Be 5
        }
    }

    Context 'Test-PresenceSyncApp' {
        BeforeEach { Use-FreshStore }

        It 'gives a verdict per check and warns 30 days before the secret expires' {
            Connect-Emulator -More @{ SecretExpiresUtc = [datetime]::UtcNow.AddDays(10) } | Out-Null
            $report = Test-PresenceSyncApp -WarningVariable warned -WarningAction SilentlyContinue
            $report | Should -BeOfType ([PresenceSync.Engine.Tenant.AppTestReport])
            "$($report.Verdict)" | Should -Be 'Warning'
            $report.Passed | Should -BeTrue
            ($warned -join "`n") | Should -BeLike '*expires on*'
            $checks = @($report | Select-Object -ExpandProperty Checks | ForEach-Object { '{0}={1}' -f $_.Check, $_.Status })
            $checks | Should -Be @('Credential=Warning', 'Token=Passed', 'User.Read.All=Passed', 'Presence read=Passed', 'Presence.ReadWrite.All=Passed')
        }

        It 'fails the token check of a wrong secret with GraphCredentialRejected and skips the rest' {
            Connect-Emulator -Secret 'not-the-secret' | Out-Null
            $report = Test-PresenceSyncApp -WarningAction SilentlyContinue
            "$($report.Verdict)" | Should -Be 'Failed'
            $token = $report.Checks | Where-Object Check -eq 'Token'
            $token.Detail | Should -BeLike 'GraphCredentialRejected*'
            "$(($report.Checks | Where-Object Check -eq 'User.Read.All').Status)" | Should -Be 'Skipped'
        }

        It 'reports an unknown tenant as GraphTenantNotFound' {
            Connect-Emulator -TenantId ([guid]::NewGuid().ToString()) | Out-Null
            Sync-PresenceTeamsUser -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'GraphTenantNotFound*'
        }

        It 'names a missing permission and where to consent to it' {
            Connect-Emulator | Out-Null
            Invoke-Control POST "/apps/$($connection.clientId)/revoke" @{ permission = 'Presence.ReadWrite.All' } | Out-Null
            try {
                $check = (Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks | Where-Object Check -eq 'Presence.ReadWrite.All'
                "$($check.Status)" | Should -Be 'Failed'
                $check.Detail | Should -BeLike 'GraphPermissionMissing*'
                $check.Remedy | Should -BeLike '*adminconsent*'
            }
            finally {
                Invoke-Control POST "/apps/$($connection.clientId)/restore" | Out-Null
            }
        }
    }

    Context 'Secrets and app records' {
        BeforeEach { Use-FreshStore }

        It 'never shows the client secret in any output and never writes it to the store' {
            $output = & {
                New-PresenceSyncApp -TenantId $connection.tenantId -ClientId $connection.clientId -ClientSecret $secure @endpoint -Verbose
                Get-PresenceSyncApp | Out-String
                Test-PresenceSyncApp -Verbose
                Sync-PresenceTeamsUser -Verbose
            } *>&1 | Out-String
            $output.Contains($connection.clientSecret) | Should -BeFalse
            foreach ($file in [System.IO.Directory]::GetFiles($TestDrive)) {
                # Open with write sharing: on Windows SQLite may still hold the file.
                $stream = [System.IO.File]::Open($file, 'Open', 'Read', 'ReadWrite')
                $bytes = [byte[]]::new($stream.Length); $null = $stream.Read($bytes, 0, $bytes.Length); $stream.Dispose()
                $text = [System.Text.Encoding]::UTF8.GetString($bytes) + [System.Text.Encoding]::Unicode.GetString($bytes)
                $text.Contains($connection.clientSecret) | Should -BeFalse -Because "$file must not hold the secret"
            }
        }

        It 'records nothing when the values are refused, or with -WhatIf' {
            New-PresenceSyncApp -TenantId 'not a tenant' -ClientId $connection.clientId -ClientSecret $secure @endpoint -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTenantId*'
            Connect-Emulator -More @{ WhatIf = $true } | Should -BeNullOrEmpty
            Get-PresenceSyncApp -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err2[0].FullyQualifiedErrorId | Should -BeLike 'SyncAppNotFound*'
        }

        It 'reads a secret from the environment at each sign-in, and reports it when it is missing' {
            $saved = [Environment]::GetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET')
            [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET', $null)
            try {
                $app = New-PresenceSyncApp -TenantId $connection.tenantId -ClientId $connection.clientId -SecretFromEnvironment @endpoint
                "$($app.SecretStorage)" | Should -Be 'Environment'
                [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $connection.clientSecret)
                "$(((Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks | Where-Object Check -eq 'Token').Status)" | Should -Be 'Passed'
                [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $null)
                $token = (Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks | Where-Object Check -eq 'Token'
                $token.Detail | Should -BeLike 'ClientSecretUnavailable*'
            }
            finally {
                [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $null)
                [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET', $saved)
            }
        }

        It 'registers an app by an administrator''s device code sign-in, tests it and rotates its secret' {
            $approver = Start-Approver
            try { $app = New-PresenceSyncApp -TenantId $connection.tenantId -AdminClientId $connection.clientId -DisplayName 'PresenceSync test' @endpoint -WarningVariable warned -WarningAction SilentlyContinue }
            finally { $approver.Dispose() }
            ($warned -join "`n") | Should -BeLike '*code*'
            $app.DisplayName | Should -Be 'PresenceSync test'
            $app.ClientId | Should -Not -Be $connection.clientId
            "$((Test-PresenceSyncApp -WarningAction SilentlyContinue).Verdict)" | Should -Be 'Passed'
            $before = $app.CredentialExpiresUtc
            Set-PresenceSyncApp -RotateSecret -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'GraphPermissionMissing*'   # an app may not change its own secrets
            $approver = Start-Approver
            try { $rotated = Set-PresenceSyncApp -RotateSecret -SecretLifetime 90.00:00:00 -AdminClientId $connection.clientId -PassThru -WarningAction SilentlyContinue }
            finally { $approver.Dispose() }
            $rotated.CredentialExpiresUtc | Should -Not -Be $before
            "$((Test-PresenceSyncApp -WarningAction SilentlyContinue).Verdict)" | Should -Be 'Passed'
            (Set-PresenceSyncApp -PresenceBudget 750 -PassThru).PresenceBudget | Should -Be 750
            Remove-PresenceSyncApp -Confirm:$false
            Get-PresenceSyncApp -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncAppNotFound*'
        }
    }

    Context 'Several apps, certificates, rotation and secrets at rest' {
        BeforeEach { Use-FreshStore }

        It 'keeps a recorded secret at rest so that a new process signs in with it, and nowhere in clear but the owner-only file' {
            $app = Connect-Emulator
            "$($app.SecretStorage)" | Should -Not -Be 'Session'
            $store = (Get-PresenceSyncStore).Path
            $child = "Import-Module '$(Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1')'; Set-PresenceSyncStore -Path '$store'; " +
                "((Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks | Where-Object Check -eq Token).Status"
            $saved = $env:PRESENCESYNC_CLIENT_SECRET; $env:PRESENCESYNC_CLIENT_SECRET = $null
            try { $status = pwsh -NoProfile -NonInteractive -Command $child } finally { $env:PRESENCESYNC_CLIENT_SECRET = $saved }
            $status | Should -Be 'Passed'
            if ("$($app.SecretStorage)" -eq 'OwnerOnlyFile') {
                $holder = @(Get-ChildItem $env:PRESENCESYNC_SECRET_PATH -Filter *.secret | Where-Object { (Get-Content $_ -Raw) -like "*$($connection.clientSecret)*" })
                $holder | Should -HaveCount 1
                (Get-Item $holder[0]).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
            }
        }

        It 'records a second app with -Additional, asks which one to change, and removes one' {
            Connect-Emulator | Out-Null
            $approver = Start-Approver
            try { $second = New-PresenceSyncApp -TenantId $connection.tenantId -AdminClientId $connection.clientId -Additional -DisplayName 'Second' @endpoint -WarningAction SilentlyContinue }
            finally { $approver.Dispose() }
            $apps = @(Get-PresenceSyncApp)
            $apps | Should -HaveCount 2
            $apps[0].IsPrimary | Should -BeTrue
            $apps[1].ClientId | Should -Be $second.ClientId
            Set-PresenceSyncApp -PresenceBudget 10 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncAppAmbiguous*'
            New-PresenceSyncApp -TenantId fabrikam.test -ClientId ([guid]::NewGuid()) -SecretFromEnvironment -Additional -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncAppTenantMismatch*'
            Get-PresenceSyncApp | Set-PresenceSyncApp -PresenceBudget 1400
            @(Get-PresenceSyncApp | Where-Object PresenceBudget -eq 1400) | Should -HaveCount 2
            Remove-PresenceSyncApp -ClientId $second.ClientId -Confirm:$false
            @(Get-PresenceSyncApp).ClientId | Should -Be $connection.clientId
        }

        It 'registers an app with a new certificate in a password-protected PFX, and a wrong password is a clear error' {
            $pfx = Join-Path $TestDrive ('{0}.pfx' -f [guid]::NewGuid().ToString('N'))
            $password = [System.Net.NetworkCredential]::new('', 'pfx-password').SecurePassword
            $approver = Start-Approver
            try { $app = New-PresenceSyncApp -TenantId $connection.tenantId -AdminClientId $connection.clientId -NewCertificate -CertificatePath $pfx -CertificatePassword $password @endpoint -WarningAction SilentlyContinue }
            finally { $approver.Dispose() }
            "$($app.CredentialType)" | Should -Be 'Certificate'
            "$($app.CredentialExpirySource)" | Should -Be 'Certificate'
            "$((Test-PresenceSyncApp -WarningAction SilentlyContinue).Verdict)" | Should -Be 'Passed'
            Use-FreshStore
            $wrong = [System.Net.NetworkCredential]::new('', 'wrong').SecurePassword
            New-PresenceSyncApp -TenantId $connection.tenantId -ClientId $app.ClientId -CertificatePath $pfx -CertificatePassword $wrong @endpoint -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'CertificatePasswordInvalid*'
        }

        It 'rotates a certificate without an admin, keeps the old key for the grace period, then removes it' {
            $approver = Start-Approver
            try { $app = New-PresenceSyncApp -TenantId $connection.tenantId -AdminClientId $connection.clientId -NewCertificate @endpoint -WarningAction SilentlyContinue }
            finally { $approver.Dispose() }
            $rotated = Set-PresenceSyncApp -RotateCertificate -GracePeriod 00:00:02 -PassThru
            $rotated.CertificateThumbprint | Should -Not -Be $app.CertificateThumbprint
            $rotated.CredentialVersion | Should -Be ($app.CredentialVersion + 1)
            @($rotated.RetiredCredentials) | Should -HaveCount 1
            Start-Sleep -Seconds 3
            Test-PresenceSyncApp -WarningAction SilentlyContinue | Out-Null
            @((Get-PresenceSyncApp).RetiredCredentials) | Should -HaveCount 0
            Set-PresenceSyncApp -RotateSecret -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'SecretRotationNotPossible*'
        }

        It 'shares one credential between units that record the same client id' {
            Connect-Emulator | Out-Null
            New-PresenceBusinessUnit ('Shared{0}' -f [guid]::NewGuid().ToString('N').Substring(0, 6)) | Set-Variable unit
            $key = [System.Net.NetworkCredential]::new('', $connection.clientSecret).SecurePassword
            New-PresenceSyncApp -BusinessUnit $unit.Name -TenantId $connection.tenantId -ClientId $connection.clientId -ClientSecret $key @endpoint -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
            ($warned -join "`n") | Should -BeLike '*share its credential*'
            (Get-PresenceSyncApp -BusinessUnit $unit.Name).CredentialVersion | Should -Be (Get-PresenceSyncApp).CredentialVersion
            (Get-PresenceSyncApp).SharedWith | Should -Contain $unit.Name
        }
    }
}
