using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>How commands tell a running server's registration from a stale one.</summary>
public sealed class ServerFileTests
{
    private static RunningServer ThisProcess() =>
        ServerFile.Describe(["http://127.0.0.1:1"], "http://127.0.0.1:1", "UseDevelopmentStorage=true", "test-admin-key");

    /// <summary>A paused virtual machine or a stepped clock moves every start time worked out from the wall clock.</summary>
    [Fact]
    public void A_live_server_stays_found_when_the_wall_clock_moves_on_linux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Start ticks since boot are read from /proc on Linux only.");
        var file = new ServerFile(Directory.CreateTempSubdirectory("server-file-").FullName);
        var server = ThisProcess() with { ProcessStarted = ThisProcess().ProcessStarted.AddMinutes(5) };

        Assert.Null(file.TryClaim(server));

        Assert.Equal(server.InstanceId, file.FindRunning()?.InstanceId);
    }

    [Fact]
    public void A_registration_whose_process_id_was_reused_by_a_later_process_is_stale()
    {
        var file = new ServerFile(Directory.CreateTempSubdirectory("server-file-").FullName);
        var server = ThisProcess() with { ProcessStarted = ThisProcess().ProcessStarted.AddMinutes(-5), ProcessStartTicks = ThisProcess().ProcessStartTicks - 30_000 };

        Assert.Null(file.TryClaim(server));

        Assert.Null(file.FindRunning());
    }
}
