using System.Net;
using Serverless.Core.ActivityPub;

namespace Serverless.Core.Tests.ActivityPub;

/// <summary>ActivityPub requests reach public servers only: never the app's own network through a key or an inbox a peer names.</summary>
public sealed class PublicAddressesOnlyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    public void Loopback_private_link_local_and_metadata_addresses_are_refused(string address) =>
        Assert.False(PublicAddressesOnly.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("93.184.215.14")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_reached(string address) =>
        Assert.True(PublicAddressesOnly.IsPublic(IPAddress.Parse(address)));
}
