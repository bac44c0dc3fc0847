namespace Marketing.Reports.Tests.Support;

/// <summary>Rendered charts and screenshots are kept under the test output (gallery/) for a person to look at.</summary>
public static class Gallery
{
    public static string Dir
    {
        get
        {
            var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "gallery");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static string Save(string name, byte[] png)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, png);
        TestContext.Out.WriteLine("gallery: " + path);
        return path;
    }
}
