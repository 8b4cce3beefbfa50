// Webhook subscription that delivers BlobDeleted events of one container to the
// app's key-protected Event Grid endpoint (AdminFunctions.ReceiveBlobEvents), so a
// deleted article is unpublished within seconds rather than at the next
// reconciliation: blob deletions never fire a blob trigger.
//
// Deploy this only after the function code is published: the webhook URL needs
// the function's key, which exists once the host has indexed the function, and
// Event Grid validates the endpoint (the handshake it answers) on creation.

@description('Existing Event Grid system topic on the storage account.')
param systemTopicName string

@description('Event subscription name.')
param name string

@description('Existing function app that hosts the webhook.')
param functionAppName string

@description('Name of the webhook function (the [Function("...")] name).')
param functionName string

@description('Route of the webhook function, without a leading slash (routePrefix is empty).')
param route string

@description('Blob container whose deletions are delivered.')
param containerName string

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// Microsoft.Web/sites/functions keys have no Bicep type: read with listKeys().
var functionKey = listKeys('${functionApp.id}/functions/${functionName}', '2025-03-01').default

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: name
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/${route}?code=${uriComponent(functionKey)}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobDeleted'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
