// Event Grid system topic on the storage account. Blob events are delivered to
// the Functions blob extension by the subscription in event-grid-subscription.bicep,
// which is deployed separately once the code (and so the blobs_extension key) exists.

@description('System topic name.')
param name string

@description('Region of the storage account (a system topic lives in its source\'s region).')
param location string

@description('Tags applied to the topic.')
param tags { *: string }

@description('Resource ID of the storage account that raises the events.')
param storageAccountId string

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

@description('System topic name.')
output name string = systemTopic.name
