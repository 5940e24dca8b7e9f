namespace CourseKit.Notebooks.Tests.Browser;

/// <summary>A fact checked in a real browser: skipped, with the reason, where no Chromium is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Find() is null)
        {
            Skip = "needs Chromium on PATH (Debian's `chromium`; .ci/run installs it)";
        }
    }
}
