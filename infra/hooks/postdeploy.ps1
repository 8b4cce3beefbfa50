# azd postdeploy hook (Windows): subscribes the PublishArticle blob trigger to BlobCreated events of the articles
# container, and the ReceiveBlobEvents webhook to its BlobDeleted events, as postdeploy.sh does. Waits for the host's
# blobs_extension key and the webhook function's key; idempotent.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'FUNCTION_APP_NAME', 'EVENT_GRID_SYSTEM_TOPIC_NAME', 'ARTICLES_CONTAINER_NAME', 'PUBLISH_FUNCTION_NAME', 'BLOB_EVENTS_FUNCTION_NAME', 'BLOB_EVENTS_ROUTE') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run this through azd (it comes from the Bicep outputs)." }
}
$group = $env:AZURE_RESOURCE_GROUP
$app = $env:FUNCTION_APP_NAME

# What the script block prints once it prints something, trying every 10 seconds for 5 minutes.
function Wait-For([string] $what, [scriptblock] $read) {
    Write-Host "Waiting for $what of $app..."
    for ($attempt = 1; ; $attempt++) {
        $value = & $read 2>$null
        if ($value) { return $value }
        if ($attempt -ge 30) { throw "$what did not appear in 5 minutes: is the app running and the function indexed? See its log stream." }
        Start-Sleep -Seconds 10
    }
}

# Creates or updates one webhook subscription to an event type of the articles container.
function Set-Subscription([string] $name, [string] $endpoint, [string] $eventType) {
    az eventgrid system-topic event-subscription create `
        --resource-group $group `
        --system-topic-name $env:EVENT_GRID_SYSTEM_TOPIC_NAME `
        --name $name `
        --endpoint-type webhook `
        --endpoint $endpoint `
        --included-event-types $eventType `
        --subject-begins-with "/blobServices/default/containers/$($env:ARTICLES_CONTAINER_NAME)/" `
        --max-events-per-batch 1 `
        --max-delivery-attempts 30 `
        --event-ttl 1440 `
        --output none
    if ($LASTEXITCODE -ne 0) { throw "Creating the Event Grid subscription $name failed." }
    Write-Host "Event Grid subscription $name is in place."
}

$key = Wait-For 'the blobs_extension key' { az functionapp keys list --resource-group $group --name $app --query 'systemKeys.blobs_extension' --output tsv }
$eventsKey = Wait-For "the key of $($env:BLOB_EVENTS_FUNCTION_NAME)" { az functionapp function keys list --resource-group $group --name $app --function-name $env:BLOB_EVENTS_FUNCTION_NAME --query default --output tsv }
$hostName = az functionapp show --resource-group $group --name $app --query defaultHostName --output tsv

Set-Subscription 'publish-article-blob-created' "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$($env:PUBLISH_FUNCTION_NAME)&code=$key" 'Microsoft.Storage.BlobCreated'
# Event Grid passes the key as ?code=, as the Functions host accepts it; the endpoint answers the validation handshake.
Set-Subscription 'unpublish-article-blob-deleted' "https://$hostName/$($env:BLOB_EVENTS_ROUTE)?code=$eventsKey" 'Microsoft.Storage.BlobDeleted'
