// Webhook subscription that feeds BlobCreated events of one container to an
// Event Grid-sourced blob trigger (BlobTriggerSource.EventGrid).
//
// Deploy this only after the function code is published: the webhook URL needs
// the host's `blobs_extension` system key, which exists once the blob extension
// has started, and Event Grid validates the endpoint when the subscription is created.

@description('Existing Event Grid system topic on the storage account.')
param systemTopicName string

@description('Event subscription name.')
param name string

@description('Existing function app that hosts the blob trigger.')
param functionAppName string

@description('Name of the blob-triggered function (the [Function("...")] name).')
param functionName string

@description('Blob container whose new blobs trigger the function.')
param containerName string

@description('The host\'s blobs_extension system key. Leave empty to read it from the app with listKeys at deployment time.')
@secure()
param blobsExtensionKey string = ''

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// Microsoft.Web/sites/host has no Bicep type definitions, so the keys are read
// with the listKeys() function instead of a typed `existing` resource.
var extensionKey = empty(blobsExtensionKey)
  ? listKeys('${functionApp.id}/host/default', '2025-03-01').systemKeys.blobs_extension
  : blobsExtensionKey

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: name
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=${uriComponent('Host.Functions.${functionName}')}&code=${uriComponent(extensionKey)}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
