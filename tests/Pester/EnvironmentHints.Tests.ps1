# Pester 5. Messages that tell the user to set an environment variable name it the way PowerShell
# reads it: $env:NAME (a bare $NAME is a PowerShell variable, and setting that does nothing).

Describe 'Environment variable hints' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        foreach ($name in 'PRESENCESYNC_CLIENT_SECRET', 'PRESENCESYNC_CLIENT_SECRET_DEFAULT') { Remove-Item "env:$name" -ErrorAction Ignore }
    }

    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    It 'names $env:PRESENCESYNC_CLIENT_SECRET_DEFAULT when an app''s secret is missing' {
        $clientId = '4c8e2b6a-61f0-4a3e-9b7d-0d5e8f3a1c27'
        Remove-Item "env:PRESENCESYNC_CLIENT_SECRET_$($clientId.ToUpperInvariant() -replace '-', '_')" -ErrorAction Ignore
        New-PresenceSyncApp -TenantId contoso.onmicrosoft.com -ClientId $clientId -SecretFromEnvironment | Out-Null
        $report = Test-PresenceSyncApp -WarningVariable warnings -ErrorVariable errors -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $text = (@($warnings | ForEach-Object Message) + @($errors | ForEach-Object { $_.ToString(); $_.ErrorDetails.RecommendedAction; $_.CategoryInfo.Reason }) +
            @($report.Checks | ForEach-Object { $_.Detail; $_.Remedy })) -join "`n"
        $text | Should -Match ([regex]::Escape('$env:PRESENCESYNC_CLIENT_SECRET_DEFAULT'))
        $text | Should -Not -Match '(?<!env:)\$PRESENCESYNC_'
    }
}
