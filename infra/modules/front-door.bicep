// Optional edge cache: Azure Front Door Standard in front of the Function App. It caches what the app marks
// cacheable (pages, the listing, the API, later feeds and card images) for their Cache-Control max-age, and passes
// the rest (no-cache and no-store answers such as /api/admin/…) through. A republish reaches readers once max-age has passed
// (Site__CacheSeconds, 60 s by default), or at once after a purge (see infra/README.md).

@description('Front Door profile name.')
param profileName string

@description('Endpoint name: part of its default host name, <name>-<hash>.z01.azurefd.net.')
param endpointName string

@description('Default host name of the Function App, the origin.')
param originHostName string

@description('Tags applied to every resource.')
param tags { *: string }

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: profile
  name: 'function-app'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    // No health probes: with a single origin Front Door sends traffic to it whatever its health, and every probe from
    // every edge would be a billed execution that keeps the app from scaling to zero
    // (learn.microsoft.com/azure/frontdoor/health-probes#disabling-health-probes).
    healthProbeSettings: null
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: originGroup
  name: 'function-app'
  properties: {
    hostName: originHostName
    originHostHeader: originHostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
    enabledState: 'Enabled'
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'all'
  properties: {
    originGroup: {
      id: originGroup.id
    }
    supportedProtocols: [
      'Https'
      'Http'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    patternsToMatch: [
      '/*'
    ]
    linkToDefaultDomain: 'Enabled'
    // Caching on, honouring the origin's Cache-Control; the query string is part of the key (listing pages).
    cacheConfiguration: {
      queryStringCachingBehavior: 'UseQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [
          'text/html'
          'application/json'
          'application/problem+json'
          'application/xml'
          'application/rss+xml'
          'application/atom+xml'
        ]
      }
    }
  }
  dependsOn: [
    origin
  ]
}

@description('Host name readers use through Front Door, e.g. <name>-<hash>.z01.azurefd.net.')
output hostName string = endpoint.properties.hostName
