# azd postdeploy hook (Windows): subscribes the PublishArticle blob trigger to BlobCreated events of the articles
# container, and the ReceiveBlobEvents webhook to its BlobDeleted events, as postdeploy.sh does. Waits for the host's
# blobs_extension key and the webhook function's key; idempotent. Every az call names azd's subscription
# (AZURE_SUBSCRIPTION_ID): the CLI's default one may be another, where the app does not exist.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP', 'FUNCTION_APP_NAME', 'EVENT_GRID_SYSTEM_TOPIC_NAME', 'ARTICLES_CONTAINER_NAME', 'PUBLISH_FUNCTION_NAME', 'BLOB_EVENTS_FUNCTION_NAME', 'BLOB_EVENTS_ROUTE') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run this through azd (it comes from the Bicep outputs)." }
}
$subscription = $env:AZURE_SUBSCRIPTION_ID
$group = $env:AZURE_RESOURCE_GROUP
$app = $env:FUNCTION_APP_NAME
# 30 tries 10 seconds apart: 5 minutes for the host to start and index the functions.
$attempts = if ($env:POSTDEPLOY_ATTEMPTS) { [int] $env:POSTDEPLOY_ATTEMPTS } else { 30 }
$interval = if ($env:POSTDEPLOY_INTERVAL_SECONDS) { [int] $env:POSTDEPLOY_INTERVAL_SECONDS } else { 10 }

# On Windows az is az.cmd, a batch file: cmd.exe would end the argument at the URL's '&' and run the rest as a command
# (azure-cli doc/quoting-issues-with-powershell.md). The official quickstart wraps such a URL in literal double quotes
# (Azure-Samples/functions-quickstart-dotnet-azd-eventgrid-blob, scripts/post-up.ps1); where az is not a batch file
# (pwsh on Linux or macOS) those quotes would reach az as part of the URL, so the URL goes as it is.
$azIsBatchFile = (Get-Command az -CommandType Application | Select-Object -First 1).Extension -in '.cmd', '.bat'
function Format-UrlArgument([string] $url) {
    if ($azIsBatchFile) { return '"' + $url + '"' }
    return $url
}

# What the script block prints once it prints something. az's errors are shown on every try that fails, so a wrong
# subscription or a missing login reads as itself, not as a key that never appeared.
function Wait-For([string] $what, [scriptblock] $read) {
    Write-Host "Waiting for $what of $app..."
    for ($attempt = 1; ; $attempt++) {
        $output = & $read 2>&1
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $value = ($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join ''
        if ($LASTEXITCODE -eq 0 -and $value) { return $value }
        if ($errors) { Write-Warning "Try $attempt of ${attempts}: az said:`n$($errors -join "`n")" }
        if ($attempt -ge $attempts) { throw "$what did not appear after $attempts tries: see az's last error above, or the app's log stream if there is none." }
        Start-Sleep -Seconds $interval
    }
}

# Creates or updates one webhook subscription to an event type of the articles container.
function Set-Subscription([string] $name, [string] $endpoint, [string] $eventType) {
    az eventgrid system-topic event-subscription create `
        --subscription $subscription `
        --resource-group $group `
        --system-topic-name $env:EVENT_GRID_SYSTEM_TOPIC_NAME `
        --name $name `
        --endpoint-type webhook `
        --endpoint (Format-UrlArgument $endpoint) `
        --included-event-types $eventType `
        --subject-begins-with "/blobServices/default/containers/$($env:ARTICLES_CONTAINER_NAME)/" `
        --max-events-per-batch 1 `
        --max-delivery-attempts 30 `
        --event-ttl 1440 `
        --output none
    if ($LASTEXITCODE -ne 0) { throw "Creating the Event Grid subscription $name failed: see az's error above." }
    Write-Host "Event Grid subscription $name is in place."
}

$key = Wait-For 'the blobs_extension key' { az functionapp keys list --subscription $subscription --resource-group $group --name $app --query 'systemKeys.blobs_extension' --output tsv }
$eventsKey = Wait-For "the key of $($env:BLOB_EVENTS_FUNCTION_NAME)" { az functionapp function keys list --subscription $subscription --resource-group $group --name $app --function-name $env:BLOB_EVENTS_FUNCTION_NAME --query default --output tsv }
$hostName = az functionapp show --subscription $subscription --resource-group $group --name $app --query defaultHostName --output tsv
if ($LASTEXITCODE -ne 0 -or -not $hostName) { throw "Reading the host name of $app failed: see az's error above." }

Set-Subscription 'publish-article-blob-created' "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$($env:PUBLISH_FUNCTION_NAME)&code=$key" 'Microsoft.Storage.BlobCreated'
# Event Grid passes the key as ?code=, as the Functions host accepts it; the endpoint answers the validation handshake.
Set-Subscription 'unpublish-article-blob-deleted' "https://$hostName/$($env:BLOB_EVENTS_ROUTE)?code=$eventsKey" 'Microsoft.Storage.BlobDeleted'
