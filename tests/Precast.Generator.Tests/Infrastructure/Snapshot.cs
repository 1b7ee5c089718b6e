using System.Runtime.CompilerServices;
using System.Text;

namespace Precast.Generator.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots. The approved text lives beside the tests in Snapshots/NAME.verified.cs
/// and is reviewed like code. On a mismatch the test writes NAME.received.cs next to it and fails
/// with a line diff; set PRECAST_ACCEPT_SNAPSHOTS=1 and run the tests again to approve the new text.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "PRECAST_ACCEPT_SNAPSHOTS";

    public static void Verify(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }
        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"No approved snapshot {verifiedPath}. The output is in {receivedPath}; review it, then run the tests with {AcceptVariable}=1 to approve it.");
        }

        string expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(
            $"Generated source differs from {verifiedPath} (- approved, + generated now):\n{LineDiff.Format(expected, actual)}\n" +
            $"The full output is in {receivedPath}. If the change is intended, run the tests with {AcceptVariable}=1 to approve it.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
