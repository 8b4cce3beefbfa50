// Flex Consumption (FC1, Linux) plan and the .NET 10 isolated-worker function app.
// The app runs as a user-assigned managed identity for host storage, the
// deployment package, application data and (optionally) Application Insights.

@description('Function app name (also the <name>.azurewebsites.net host name).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to the plan.')
param tags { *: string }

@description('Extra tags for the function app (e.g. azd-service-name).')
param appTags { *: string } = {}

@description('Resource ID of the user-assigned managed identity.')
param identityId string

@description('Client ID of the user-assigned managed identity.')
param identityClientId string

@description('Storage account name (AzureWebJobsStorage and application data).')
param storageAccountName string

@description('Blob endpoint of the storage account, with trailing slash.')
param blobEndpoint string

@description('Queue endpoint of the storage account, with trailing slash.')
param queueEndpoint string

@description('Table endpoint of the storage account, with trailing slash.')
param tableEndpoint string

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

// The documented floor is 40 (learn.microsoft.com/azure/azure-functions/event-driven-scaling#flex-consumption-plan;
// Azure/Azure-Functions#2650), and the limit applies per function group (Azure/azure-rest-api-specs#45083).
@description('Maximum number of on-demand instances of each function group (HTTP, blob, each queue trigger...): 40 to 1000.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Client ID of the Entra ID app registration authors sign in with (App Service Authentication). Empty: off.')
param authorSignInClientId string = ''

@description('App role an author must hold to see the author pages.')
param authorSignInRole string = 'Serverless.Author'

@description('Application settings specific to this app (Site__*), merged with the platform settings.')
param siteSettings { *: string }

@description('Identity the platform resolves Key Vault references in the app settings with (the user-assigned one).')
param keyVaultReferenceIdentity string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and the
// WEBSITE_CONTENT* settings (learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations):
// the runtime and the package come from functionAppConfig below.
var platformSettings = {
  // Host storage through the managed identity (no connection string, no shared key).
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // Lets DefaultAzureCredential / ManagedIdentityCredential in application code pick the same identity.
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // Host telemetry authenticates to Application Insights with the identity (Monitoring Metrics Publisher).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The author pages trust App Service Authentication's principal (X-MS-CLIENT-PRINCIPAL) only where it is on: it
  // strips that header from what clients send; anywhere else a client could forge it.
  AuthorSignIn__AppServiceAuthentication: string(!empty(authorSignInClientId))
  AuthorSignIn__RequiredRole: authorSignInRole
  // App Service Authentication redeems sign-ins with this identity as a federated credential of the app registration,
  // instead of a client secret to store and rotate.
  OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identityClientId
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, appTags)
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: keyVaultReferenceIdentity
    // Flex Consumption refuses several siteConfig properties with ARM BadRequest 51021 ("The following list of site
    // configuration properties (Site.SiteConfig.FtpsState, Site.SiteConfig.Use32BitWorkerProcess,
    // Site.SiteConfig.NetFrameworkVersion, Site.SiteConfig.FunctionsRuntimeScaleMonitoringEnabled) for Flex Consumption
    // sites is invalid": microsoft/azure-pipelines-tasks#21032, Azure/azure-cli#31414; LinuxFxVersion too:
    // Azure/terraform-azurerm-avm-res-web-site#345). Newer regions refuse them, older ones ignore them; FTP does not
    // exist on Flex. The runtime lives in functionAppConfig.runtime, scaling in functionAppConfig.scaleAndConcurrency.
    // DeployedSettingsTests holds the template to these rules.
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      appSettings: [
        for setting in items(union(platformSettings, siteSettings)): {
          name: setting.key
          value: setting.value
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

// Author sign-in from a browser: App Service Authentication with Microsoft Entra ID. It signs in only who asks (the
// author pages at /api/admin/signed-in/ send browsers to /.auth/login/aad); readers, feeds, webhooks and scripts with
// the function key pass as before. The pages then require the app role (AppServiceSignIn).
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(authorSignInClientId)) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      // Behind Front Door, the sign-in comes back to the host the browser used (X-Forwarded-Host).
      forwardProxy: {
        convention: 'Standard'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientId: authorSignInClientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
        }
        validation: {
          allowedAudiences: [
            'api://${authorSignInClientId}'
          ]
        }
      }
    }
    login: {
      // The session cookie carries the claims; the pages need no provider token, so none is stored.
      tokenStore: {
        enabled: false
      }
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '08:00:00'
      }
    }
  }
}

@description('Function app name.')
output name string = functionApp.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = functionApp.properties.defaultHostName
