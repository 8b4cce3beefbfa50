// Data-plane roles for the function app's user-assigned managed identity.

@description('Storage account the identity gets blob/table/queue data roles on.')
param storageAccountName string

@description('Application Insights component the identity may publish telemetry to (Entra ID auth).')
param applicationInsightsName string

@description('Principal (object) ID of the user-assigned managed identity; also seeds the role assignment names.')
param principalId string

// Built-in role definition IDs (identical in every Azure tenant).
var storageRoleIds = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner: host keys/locks, deployment package, articles + pages
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor: article metadata tables
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor: host queues and the blob trigger's poison queue
]
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Assignment names are seeded with the principal ID, as in the official Flex Consumption quickstart
// (Azure-Samples/functions-quickstart-dotnet-azd, infra/app/rbac.bicep): an assignment's principal cannot change, so
// an identity recreated under the same name (new principal) gets new assignments instead of a RoleAssignmentUpdateNotPermitted failure.
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoleIds: {
    scope: storageAccount
    name: guid(storageAccount.id, principalId, roleId)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource telemetryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisherRoleId)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
  }
}
