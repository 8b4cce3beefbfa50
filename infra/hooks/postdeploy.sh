#!/bin/sh
# azd postdeploy hook: subscribes the PublishArticle blob trigger to BlobCreated events of the articles container, and
# the ReceiveBlobEvents webhook to its BlobDeleted events (a deleted article then goes within seconds).
# The webhooks need the host's blobs_extension system key and the webhook function's key, which exist only once the
# deployed code has started, so this waits for them. Idempotent: creating an existing subscription updates it in place.
# Environment (set by azd from the Bicep outputs): AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, FUNCTION_APP_NAME,
# EVENT_GRID_SYSTEM_TOPIC_NAME, ARTICLES_CONTAINER_NAME, PUBLISH_FUNCTION_NAME, BLOB_EVENTS_FUNCTION_NAME, BLOB_EVENTS_ROUTE.
# Every az call names azd's subscription: the CLI's default one may be another, where the app does not exist.
set -eu

: "${AZURE_SUBSCRIPTION_ID:?set by azd}" "${AZURE_RESOURCE_GROUP:?set by azd}" "${FUNCTION_APP_NAME:?from the Bicep outputs}"
: "${EVENT_GRID_SYSTEM_TOPIC_NAME:?from the Bicep outputs}" "${ARTICLES_CONTAINER_NAME:?from the Bicep outputs}"
: "${PUBLISH_FUNCTION_NAME:?from the Bicep outputs}" "${BLOB_EVENTS_FUNCTION_NAME:?from the Bicep outputs}" "${BLOB_EVENTS_ROUTE:?from the Bicep outputs}"
# 30 tries 10 seconds apart: 5 minutes for the host to start and index the functions.
attempts=${POSTDEPLOY_ATTEMPTS:-30}
interval=${POSTDEPLOY_INTERVAL_SECONDS:-10}

# Prints what the command prints once it prints something. az's errors are shown on every try that fails, so a wrong
# subscription or a missing login reads as itself, not as a key that never appeared.
wait_for() {
  what=$1
  shift
  echo "Waiting for $what of $FUNCTION_APP_NAME..." >&2
  attempt=0
  errors=$(mktemp)
  while :; do
    attempt=$((attempt + 1))
    if value=$("$@" 2>"$errors") && [ -n "$value" ]; then
      rm -f "$errors"
      printf '%s' "$value"
      return 0
    fi
    if [ -s "$errors" ]; then
      echo "Try $attempt of $attempts: az said:" >&2
      cat "$errors" >&2
    fi
    if [ "$attempt" -ge "$attempts" ]; then
      rm -f "$errors"
      echo "$what did not appear after $attempts tries: see az's last error above, or the app's log stream if there is none." >&2
      return 1
    fi
    sleep "$interval"
  done
}

# Creates or updates one webhook subscription to an event type of the articles container.
subscribe() {
  az eventgrid system-topic event-subscription create \
    --subscription "$AZURE_SUBSCRIPTION_ID" \
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

key=$(wait_for "the blobs_extension key" az functionapp keys list --subscription "$AZURE_SUBSCRIPTION_ID" --resource-group "$AZURE_RESOURCE_GROUP" \
  --name "$FUNCTION_APP_NAME" --query "systemKeys.blobs_extension" --output tsv)
events_key=$(wait_for "the key of $BLOB_EVENTS_FUNCTION_NAME" az functionapp function keys list --subscription "$AZURE_SUBSCRIPTION_ID" \
  --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" --function-name "$BLOB_EVENTS_FUNCTION_NAME" --query default --output tsv)
host=$(az functionapp show --subscription "$AZURE_SUBSCRIPTION_ID" --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" \
  --query defaultHostName --output tsv)
: "${host:?az functionapp show gave no host name for $FUNCTION_APP_NAME}"

subscribe publish-article-blob-created \
  "https://$host/runtime/webhooks/blobs?functionName=Host.Functions.$PUBLISH_FUNCTION_NAME&code=$key" Microsoft.Storage.BlobCreated
# Event Grid passes the key as ?code=, as the Functions host accepts it; the endpoint answers the validation handshake.
subscribe unpublish-article-blob-deleted "https://$host/$BLOB_EVENTS_ROUTE?code=$events_key" Microsoft.Storage.BlobDeleted
