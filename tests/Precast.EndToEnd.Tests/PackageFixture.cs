using System.IO.Compression;

namespace Precast.EndToEnd.Tests;

/// <summary>
/// Packs src/Precast once for all package tests into a temporary local feed. Consumers restore
/// into their own packages folder, so a stale copy in the user's NuGet cache can never be tested
/// by mistake.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string Version = "0.1.0";

    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "precast-package-tests-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        try
        {
            DotNet.Run(DotNet.RepositoryRoot(), $"pack src/Precast -c Release -o \"{Feed}\" -p:Version={Version}").EnsureSuccess();
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor failed; clean up here instead.
            Dispose();
            throw;
        }
        PackagePath = Path.Combine(Feed, $"Precast.{Version}.nupkg");
    }

    public string Root { get; }

    public string Feed { get; }

    public string PackagePath { get; }

    /// <summary>Creates a console project that references the package, with its own NuGet config and packages folder.</summary>
    public string CreateConsumer(string name, string modelSource, string programSource)
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <InvariantGlobalization>true</InvariantGlobalization>
                <RestorePackagesPath>{Path.Combine(directory, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Precast" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="precast-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Model.cs"), modelSource);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), programSource);
        return directory;
    }

    public IReadOnlyList<string> PackageEntries()
    {
        using ZipArchive archive = ZipFile.OpenRead(PackagePath);
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    public string Nuspec()
    {
        using ZipArchive archive = ZipFile.OpenRead(PackagePath);
        using var reader = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail the run over it.
        }
    }
}
