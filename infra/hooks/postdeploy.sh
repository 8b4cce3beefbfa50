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

# Prints what the command prints once it prints something, trying every 10 seconds for 5 minutes.
wait_for() {
  what=$1
  shift
  echo "Waiting for $what of $FUNCTION_APP_NAME..." >&2
  attempt=0
  while :; do
    attempt=$((attempt + 1))
    value=$("$@" 2>/dev/null || true)
    if [ -n "$value" ]; then
      printf '%s' "$value"
      return 0
    fi
    if [ "$attempt" -ge 30 ]; then
      echo "$what did not appear in 5 minutes: is the app running and the function indexed? See its log stream." >&2
      return 1
    fi
    sleep 10
  done
}

# Creates or updates one webhook subscription to an event type of the articles container.
subscribe() {
  az eventgrid system-topic event-subscription create \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --system-topic-name "$EVENT_GRID_SYSTEM_TOPIC_NAME" \
    --name "$1" \
    --endpoint-type webhook \
    --endpoint "$2" \
    --included-event-types "$3" \
    --subject-begins-with "/blobServices/default/containers/$ARTICLES_CONTAINER_NAME/" \
    --max-events-per-batch 1 \
    --max-delivery-attempts 30 \
    --event-ttl 1440 \
    --output none
  echo "Event Grid subscription $1 is in place."
}

key=$(wait_for "the blobs_extension key" az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" \
  --name "$FUNCTION_APP_NAME" --query "systemKeys.blobs_extension" --output tsv)
events_key=$(wait_for "the key of $BLOB_EVENTS_FUNCTION_NAME" az functionapp function keys list --resource-group "$AZURE_RESOURCE_GROUP" \
  --name "$FUNCTION_APP_NAME" --function-name "$BLOB_EVENTS_FUNCTION_NAME" --query default --output tsv)
host=$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" --query defaultHostName --output tsv)

subscribe publish-article-blob-created \
  "https://$host/runtime/webhooks/blobs?functionName=Host.Functions.$PUBLISH_FUNCTION_NAME&code=$key" Microsoft.Storage.BlobCreated
# Event Grid passes the key as ?code=, as the Functions host accepts it; the endpoint answers the validation handshake.
subscribe unpublish-article-blob-deleted "https://$host/$BLOB_EVENTS_ROUTE?code=$events_key" Microsoft.Storage.BlobDeleted
