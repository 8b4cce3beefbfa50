# azd postdeploy hook (Windows): subscribes the PublishArticle blob trigger to BlobCreated events of the articles
# container, as postdeploy.sh does. Waits for the host's blobs_extension key; idempotent.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'FUNCTION_APP_NAME', 'EVENT_GRID_SYSTEM_TOPIC_NAME', 'ARTICLES_CONTAINER_NAME', 'PUBLISH_FUNCTION_NAME') {
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
