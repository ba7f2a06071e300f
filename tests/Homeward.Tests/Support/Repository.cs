namespace Homeward.Tests.Support;

/// <summary>The repository's root (where Homeward.slnx is), for tests that read its documents and examples.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Homeward.slnx")))
                    return dir.FullName;
            throw new InvalidOperationException("Cannot find the repository root (Homeward.slnx).");
        }
    }
}
