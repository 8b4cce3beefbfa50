#!/bin/sh
# azd postdeploy hook: subscribes the PublishArticle blob trigger to BlobCreated events of the articles container, and
# the ReceiveBlobEvents webhook to its BlobDeleted events (a deleted article then goes within seconds).
# The webhooks need the host's blobs_extension system key and the webhook function's key, which exist only once the
# deployed code has started, so this waits for them. Idempotent: creating an existing subscription updates it in place.
# Environment (set by azd from the Bicep outputs): AZURE_RESOURCE_GROUP, FUNCTION_APP_NAME,
# EVENT_GRID_SYSTEM_TOPIC_NAME, ARTICLES_CONTAINER_NAME, PUBLISH_FUNCTION_NAME, BLOB_EVENTS_FUNCTION_NAME, BLOB_EVENTS_ROUTE.
set -eu

: "${AZURE_RESOURCE_GROUP:?set by azd}" "${FUNCTION_APP_NAME:?from the Bicep outputs}"
: "${EVENT_GRID_SYSTEM_TOPIC_NAME:?from the Bicep outputs}" "${ARTICLES_CONTAINER_NAME:?from the Bicep outputs}"
: "${PUBLISH_FUNCTION_NAME:?from the Bicep outputs}" "${BLOB_EVENTS_FUNCTION_NAME:?from the Bicep outputs}" "${BLOB_EVENTS_ROUTE:?from the Bicep outputs}"

echo "Waiting for the blobs_extension key of $FUNCTION_APP_NAME..."
key=""
attempt=0
while [ -z "$key" ]; do
  attempt=$((attempt + 1))
  key=$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  if [ -z "$key" ]; then
    if [ "$attempt" -ge 30 ]; then
      echo "The blobs_extension key did not appear in 5 minutes: is the app running? See its log stream." >&2
      exit 1
    fi
    sleep 10
  fi
done

host=$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" --query defaultHostName --output tsv)
endpoint="https://$host/runtime/webhooks/blobs?functionName=Host.Functions.$PUBLISH_FUNCTION_NAME&code=$key"

az eventgrid system-topic event-subscription create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$EVENT_GRID_SYSTEM_TOPIC_NAME" \
  --name publish-article-blob-created \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/$ARTICLES_CONTAINER_NAME/" \
  --max-events-per-batch 1 \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none
echo "Event Grid subscription publish-article-blob-created is in place."

echo "Waiting for the function key of $BLOB_EVENTS_FUNCTION_NAME..."
events_key=""
attempt=0
while [ -z "$events_key" ]; do
  attempt=$((attempt + 1))
  events_key=$(az functionapp function keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" \
    --function-name "$BLOB_EVENTS_FUNCTION_NAME" --query default --output tsv 2>/dev/null || true)
  if [ -z "$events_key" ]; then
    if [ "$attempt" -ge 30 ]; then
      echo "The key of $BLOB_EVENTS_FUNCTION_NAME did not appear in 5 minutes: is the function indexed? See the app's log stream." >&2
      exit 1
    fi
    sleep 10
  fi
done

# Event Grid passes the key as ?code=, as the Functions host accepts it; the endpoint answers the validation handshake.
az eventgrid system-topic event-subscription create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$EVENT_GRID_SYSTEM_TOPIC_NAME" \
  --name unpublish-article-blob-deleted \
  --endpoint-type webhook \
  --endpoint "https://$host/$BLOB_EVENTS_ROUTE?code=$events_key" \
  --included-event-types Microsoft.Storage.BlobDeleted \
  --subject-begins-with "/blobServices/default/containers/$ARTICLES_CONTAINER_NAME/" \
  --max-events-per-batch 1 \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none
echo "Event Grid subscription unpublish-article-blob-deleted is in place."
