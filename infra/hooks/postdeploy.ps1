# azd postdeploy hook (Windows): subscribes the PublishArticle blob trigger to BlobCreated events of the articles
# container, and the ReceiveBlobEvents webhook to its BlobDeleted events, as postdeploy.sh does. Waits for the host's
# blobs_extension key and the webhook function's key; idempotent.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'FUNCTION_APP_NAME', 'EVENT_GRID_SYSTEM_TOPIC_NAME', 'ARTICLES_CONTAINER_NAME', 'PUBLISH_FUNCTION_NAME', 'BLOB_EVENTS_FUNCTION_NAME', 'BLOB_EVENTS_ROUTE') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run this through azd (it comes from the Bicep outputs)." }
}
$group = $env:AZURE_RESOURCE_GROUP
$app = $env:FUNCTION_APP_NAME

Write-Host "Waiting for the blobs_extension key of $app..."
$key = ''
for ($attempt = 1; -not $key; $attempt++) {
    $key = az functionapp keys list --resource-group $group --name $app --query 'systemKeys.blobs_extension' --output tsv 2>$null
    if (-not $key) {
        if ($attempt -ge 30) { throw 'The blobs_extension key did not appear in 5 minutes: is the app running? See its log stream.' }
        Start-Sleep -Seconds 10
    }
}

$hostName = az functionapp show --resource-group $group --name $app --query defaultHostName --output tsv
$endpoint = "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$($env:PUBLISH_FUNCTION_NAME)&code=$key"

az eventgrid system-topic event-subscription create `
    --resource-group $group `
    --system-topic-name $env:EVENT_GRID_SYSTEM_TOPIC_NAME `
    --name publish-article-blob-created `
    --endpoint-type webhook `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$($env:ARTICLES_CONTAINER_NAME)/" `
    --max-events-per-batch 1 `
    --max-delivery-attempts 30 `
    --event-ttl 1440 `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'Creating the Event Grid subscription failed.' }
Write-Host 'Event Grid subscription publish-article-blob-created is in place.'

Write-Host "Waiting for the function key of $($env:BLOB_EVENTS_FUNCTION_NAME)..."
$eventsKey = ''
for ($attempt = 1; -not $eventsKey; $attempt++) {
    $eventsKey = az functionapp function keys list --resource-group $group --name $app --function-name $env:BLOB_EVENTS_FUNCTION_NAME --query default --output tsv 2>$null
    if (-not $eventsKey) {
        if ($attempt -ge 30) { throw "The key of $($env:BLOB_EVENTS_FUNCTION_NAME) did not appear in 5 minutes: is the function indexed? See the app's log stream." }
        Start-Sleep -Seconds 10
    }
}

# Event Grid passes the key as ?code=, as the Functions host accepts it; the endpoint answers the validation handshake.
az eventgrid system-topic event-subscription create `
    --resource-group $group `
    --system-topic-name $env:EVENT_GRID_SYSTEM_TOPIC_NAME `
    --name unpublish-article-blob-deleted `
    --endpoint-type webhook `
    --endpoint "https://$hostName/$($env:BLOB_EVENTS_ROUTE)?code=$eventsKey" `
    --included-event-types Microsoft.Storage.BlobDeleted `
    --subject-begins-with "/blobServices/default/containers/$($env:ARTICLES_CONTAINER_NAME)/" `
    --max-events-per-batch 1 `
    --max-delivery-attempts 30 `
    --event-ttl 1440 `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'Creating the Event Grid subscription for deletions failed.' }
Write-Host 'Event Grid subscription unpublish-article-blob-deleted is in place.'
