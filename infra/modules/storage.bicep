// Storage account shared by the Functions host (AzureWebJobsStorage), the Flex
// Consumption deployment package and the application data (blobs, tables and the render queue).
// Shared-key access is disabled: every client authenticates with Entra ID.

@description('Globally unique storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags { *: string }

@description('Blob containers to create (application containers and the Flex deployment container).')
param containerNames string[]

@description('Tables to create. The application also creates them at start; declaring them here is idempotent.')
param tableNames string[]

@description('Queues to create (the render queue and its poison queue).')
param queueNames string[]

@description('Days a deleted blob or container stays recoverable.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 7

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

@description('Storage account name.')
output name string = storageAccount.name

@description('Storage account resource ID.')
output id string = storageAccount.id

@description('Storage account region (the Event Grid system topic must live in the same region).')
output location string = storageAccount.location

@description('Blob endpoint, with trailing slash.')
output blobEndpoint string = storageAccount.properties.primaryEndpoints.blob

@description('Queue endpoint, with trailing slash.')
output queueEndpoint string = storageAccount.properties.primaryEndpoints.queue

@description('Table endpoint, with trailing slash.')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table
