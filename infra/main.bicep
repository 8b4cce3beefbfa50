// Serverless publishing backend: Azure Functions (Flex Consumption, .NET 10
// isolated worker) + Blob/Table Storage + Event Grid, all wired with a
// user-assigned managed identity (no storage keys anywhere).
//
// Deployment (see README.md): `azd up` provisions this, deploys the code and runs
// hooks/postdeploy.* to subscribe the PublishArticle blob trigger to BlobCreated
// events, and the ReceiveBlobEvents webhook to BlobDeleted events, once their
// keys exist. Without azd: deploy, publish the code, then redeploy with
// deployEventSubscription=true.
targetScope = 'resourceGroup'

@description('Environment name (e.g. dev, prod). Part of the naming seed and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Short application name used as a resource name prefix: lowercase letters, digits and hyphens.')
@minLength(2)
@maxLength(20)
param appName string = 'serverless'

@description('Region for all resources; must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Public base URL of the site, e.g. https://blog.example.org. Empty: the function app\'s default https host name.')
param publicBaseUrl string = ''

@description('Site name shown in pages and feeds.')
@minLength(1)
param siteName string

@description('Language (BCP 47) of the home and error pages, and of articles that neither declare nor reveal one, e.g. en or fr.')
param defaultLanguage string = 'en'

@description('X (Twitter) handle for cards, with or without @. Empty: none.')
param xHandle string = ''

@description('Create the Event Grid subscriptions (BlobCreated to the PublishArticle blob trigger, BlobDeleted to the ReceiveBlobEvents webhook). Turn on only after the code is published.')
param deployEventSubscription bool = false

@description('The function host\'s blobs_extension system key. Empty: read it from the app at deployment time (needs deployEventSubscription).')
@secure()
param blobsExtensionKey string = ''

@description('Reject Application Insights telemetry that is not Entra ID authenticated. Turn on only once the worker\'s own telemetry authenticates too.')
param disableAppInsightsLocalAuth bool = false

@description('Put Azure Front Door Standard in front of the Function App as an edge cache (about 35 USD a month plus traffic; see infra/README.md). Off by default.')
param enableFrontDoor bool = false

@description('Client ID of the Microsoft Entra ID app registration authors sign in with from a browser (App Service Authentication; infra/README.md, "Author sign-in"). Empty: no browser sign-in on Azure; the function key works either way.')
param authorSignInClientId string = ''

@description('App role of that registration an author must hold to see the author pages.')
@minLength(1)
param authorSignInRole string = 'Serverless.Author'

@description('Maximum number of Flex Consumption on-demand instances of each function group: 40 (the documented floor) to 1000.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Makes the site followable over ActivityPub: creates a Key Vault for the actor\'s key (secret activitypub-actor-key, which you store once: see README) and points the app at it.')
param enableActivityPub bool = false

// Naming -------------------------------------------------------------------
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var prefix = toLower(appName)
var compactPrefix = take(replace(prefix, '-', ''), 9)
var names = {
  storage: 'st${compactPrefix}${resourceToken}' // <= 2 + 9 + 13 = 24 characters
  identity: 'id-${prefix}-${resourceToken}'
  logAnalytics: 'log-${prefix}-${resourceToken}'
  applicationInsights: 'appi-${prefix}-${resourceToken}'
  plan: 'plan-${prefix}-${resourceToken}'
  functionApp: 'func-${prefix}-${resourceToken}'
  systemTopic: 'evgt-${prefix}-${resourceToken}'
  frontDoor: 'afd-${prefix}-${resourceToken}'
  frontDoorEndpoint: '${prefix}-${resourceToken}'
  keyVault: 'kv-${take(compactPrefix, 7)}-${resourceToken}' // <= 3 + 7 + 1 + 13 = 24 characters
}
var tags = {
  'azd-env-name': environmentName
  application: appName
}

// Storage layout -----------------------------------------------------------
var articlesContainerName = 'articles'
var pagesContainerName = 'pages'
var bodiesContainerName = 'bodies'
// Published article images, served by the GetMedia function (never public blob access).
var mediaContainerName = 'media'
var cardsContainerName = 'cards'
var siteContainerName = 'site'
var deploymentContainerName = 'app-package'
var tableNames = [
  'articles'
  'articlesbydate'
  'articlesbytag'
  'sources'
  'titles'
  'citations'
  'keywords'
  'media'
  'sitefiles'
  'jobs'
  'followers'
  'reactions'
]
// Stage 2 of publishing: render messages; the site-file stage: feeds, sitemap and tag pages to rebuild; and the
// host's poison queues for the messages that keep failing.
var renderQueueName = 'renders'
var siteQueueName = 'sitefiles'
// Scheduled releases: a message per embargoed article, visible at its date.
var releaseQueueName = 'releases'
// Admin jobs (republishing everything): a message per page of work, each sending the next.
var jobQueueName = 'jobs'
// ActivityPub deliveries: a fan-out per article change, then a message per shared inbox.
var deliveryQueueName = 'deliveries'
var queueNames = [
  renderQueueName
  '${renderQueueName}-poison'
  siteQueueName
  '${siteQueueName}-poison'
  releaseQueueName
  '${releaseQueueName}-poison'
  jobQueueName
  '${jobQueueName}-poison'
  deliveryQueueName
  '${deliveryQueueName}-poison'
]
var publishFunctionName = 'PublishArticle'
// The Event Grid webhook that unpublishes deleted blobs at once (key-protected; Routes.AdminBlobEvents).
var blobEventsFunctionName = 'ReceiveBlobEvents'
var blobEventsRoute = 'api/admin/events/blobs'

// Resources ------------------------------------------------------------------
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    containerNames: [
      articlesContainerName
      pagesContainerName
      bodiesContainerName
      mediaContainerName
      cardsContainerName
      siteContainerName
      deploymentContainerName
    ]
    tableNames: tableNames
    queueNames: queueNames
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    disableLocalAuth: disableAppInsightsLocalAuth
  }
}

// Names below come from variables, not module outputs, so that What-If can predict the
// subscription (the role assignments, seeded with the principal ID, it cannot); hence the explicit dependsOn.
module roleAssignments 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    // Seeds the assignment names (see role-assignments.bicep): What-If cannot predict them before the identity exists,
    // a price worth paying for assignments that survive the identity being recreated.
    #disable-next-line what-if-short-circuiting
    principalId: identity.properties.principalId
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    appTags: {
      'azd-service-name': 'api'
    }
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    authorSignInClientId: authorSignInClientId
    authorSignInRole: authorSignInRole
    keyVaultReferenceIdentity: identity.id
    siteSettings: {
      Site__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${names.functionApp}.azurewebsites.net' : publicBaseUrl
      Site__Name: siteName
      Site__DefaultLanguage: defaultLanguage
      Site__XHandle: xHandle
      // Read by the trigger bindings (%ARTICLES_CONTAINER_NAME%, %RENDER_QUEUE_NAME%...) and bound to the same options
      // the core reads (Serverless.Core.Configuration.BindingSettings). Flat names: the scale controller reads these to
      // watch the queues while the app is at zero, and has failed on ':'-nested ones (azure-functions-dotnet-worker#849,
      // azure-functions-host#8665).
      ARTICLES_CONTAINER_NAME: articlesContainerName
      RENDER_QUEUE_NAME: renderQueueName
      SITE_QUEUE_NAME: siteQueueName
      RELEASE_QUEUE_NAME: releaseQueueName
      JOB_QUEUE_NAME: jobQueueName
      DELIVERY_QUEUE_NAME: deliveryQueueName
      // The timer function's schedule (%ReconcileSchedule%): the safety net for missed Event Grid deliveries.
      ReconcileSchedule: '0 */5 * * * *'
      // Readers get the site's own home page at /, not the Functions placeholder.
      AzureWebJobsDisableHomepage: 'true'
      // The ActivityPub actor's private key, resolved from the vault by the platform with the app's identity; empty
      // (ActivityPub off) unless enableActivityPub.
      ActivityPub__PrivateKeyPem: enableActivityPub ? '@Microsoft.KeyVault(VaultName=${names.keyVault};SecretName=activitypub-actor-key)' : ''
    }
  }
  // The host must be able to reach its storage (and the deployment package) as
  // soon as it starts: grant the identity its roles before creating the app.
  dependsOn: [
    roleAssignments
  ]
}

module keyVault 'modules/key-vault.bicep' = if (enableActivityPub) {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    // Seeds the assignment's name, as for the storage roles above.
    #disable-next-line what-if-short-circuiting
    principalId: identity.properties.principalId
  }
}

module eventGrid 'modules/event-grid.bicep' = {
  name: 'event-grid'
  params: {
    name: names.systemTopic
    location: storage.outputs.location
    tags: tags
    storageAccountId: storage.outputs.id
  }
}

module eventSubscription 'modules/event-grid-subscription.bicep' = if (deployEventSubscription) {
  name: 'event-grid-subscription'
  params: {
    systemTopicName: names.systemTopic
    name: 'publish-article-blob-created'
    functionAppName: names.functionApp
    functionName: publishFunctionName
    containerName: articlesContainerName
    blobsExtensionKey: blobsExtensionKey
  }
  dependsOn: [
    eventGrid
    functionApp
  ]
}

module deletionSubscription 'modules/event-grid-deletions.bicep' = if (deployEventSubscription) {
  name: 'event-grid-deletions'
  params: {
    systemTopicName: names.systemTopic
    name: 'unpublish-article-blob-deleted'
    functionAppName: names.functionApp
    functionName: blobEventsFunctionName
    route: blobEventsRoute
    containerName: articlesContainerName
  }
  dependsOn: [
    eventGrid
    functionApp
  ]
}

module frontDoor 'modules/front-door.bicep' = if (enableFrontDoor) {
  name: 'front-door'
  params: {
    profileName: names.frontDoor
    endpointName: names.frontDoorEndpoint
    originHostName: functionApp.outputs.defaultHostName
    tags: tags
  }
}

// Outputs --------------------------------------------------------------------
@description('Function app name.')
output functionAppName string = functionApp.outputs.name

@description('Function app default host name (<name>.azurewebsites.net).')
output functionAppDefaultHostName string = functionApp.outputs.defaultHostName

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('Principal (object) ID of the app\'s managed identity: the subject of the federated credential author sign-in needs (infra/README.md).')
output identityPrincipalId string = identity.properties.principalId

@description('Event Grid system topic on the storage account.')
output eventGridSystemTopicName string = eventGrid.outputs.name

@description('Whether the BlobCreated subscription to PublishArticle and the BlobDeleted one to ReceiveBlobEvents are deployed.')
output eventSubscriptionDeployed bool = deployEventSubscription

@description('Front Door host name readers should use (set publicBaseUrl to https://<it>, or to a custom domain on it); empty when Front Door is off.')
output frontDoorHostName string = enableFrontDoor ? frontDoor!.outputs.hostName : ''

// For azd: outputs become environment variables of the hooks (infra/hooks/postdeploy.*).
@description('Function app name, for the postdeploy hook.')
output FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Event Grid system topic, for the postdeploy hook.')
output EVENT_GRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name

@description('Container whose uploads the blob trigger publishes, for the postdeploy hook.')
output ARTICLES_CONTAINER_NAME string = articlesContainerName

@description('Name of the blob-triggered function, for the postdeploy hook.')
output PUBLISH_FUNCTION_NAME string = publishFunctionName

@description('Name of the Event Grid webhook function that unpublishes deleted blobs, for the postdeploy hook.')
output BLOB_EVENTS_FUNCTION_NAME string = blobEventsFunctionName

@description('Route of that webhook, for the postdeploy hook.')
output BLOB_EVENTS_ROUTE string = blobEventsRoute
